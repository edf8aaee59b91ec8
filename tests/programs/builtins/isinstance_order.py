# isinstance checks a tuple of classes in order, nested tuples and unions
# included; a bad item is an error only when reached; other objects
# answer through their type's __instancecheck__.
print(isinstance(1, (int, (str, 5))), isinstance(1, (str, (bytes, (float, int)))), isinstance(1, int | str))
for spec in [(str, 5), 5, (str, (5,)), ()]:
    try:
        print(isinstance(1, spec))
    except TypeError as e:
        print("TypeError", e)
class M(type):
    pass
class AnyLike:
    def __instancecheck__(self, obj):
        return obj == 3
print(isinstance(3, AnyLike()), isinstance(4, AnyLike()), isinstance(3, (str, AnyLike())))
