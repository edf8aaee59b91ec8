# The built-in types are type objects like classes: identity, MRO,
# isinstance/issubclass, calling, subclassing, immutability, weak references.
print(type(1) is int, int, type(int), isinstance(True, int), issubclass(bool, int), bool.__mro__)
print(int("5"), str(3), list((1, 2)), type("x"), type(type), type(object))
print(isinstance(int, type), isinstance(int, object), isinstance(3, object), isinstance([], list))
print(issubclass(int, object), issubclass(type, object), issubclass(object, type), issubclass(bool, (str, int)))


class A(int):
    pass


print(A(5) + 1, A.__mro__, isinstance(A(2), int), issubclass(A, int), type(A(1)) is A)


class B(list):
    __slots__ = ()


print(B([1]), B.__mro__)
print(int.from_bytes(b'\x01\x00', 'big'), str.upper("a"), dict.fromkeys([1]))
print(int.__name__, int.__qualname__, int.__module__, type.__name__)
def set_int():
    int.x = 1


def del_upper():
    del str.upper


def subclass_bool():
    class C(bool):
        pass


for f in [set_int, del_upper, lambda: int.zz, subclass_bool, lambda: str.upper(1)]:
    try:
        f()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
print(type.__call__(int, "7"), type("X", (), {}), type(object()) is object)
print(hash(int) == hash(int), int == int, int != str, {int: 1, str: 2}[str])
print(callable(int), repr(str), str.__mro__, ValueError.__mro__)
import weakref

r = weakref.ref(int)
print(r() is int)
print(type(len), type(None), type(...), type(NotImplemented), type(iter([])), type(range(3)))
print("upper" in dir(str), "append" in dir(list), "real" in dir(1), hasattr(1, "bit_length"))
# What each type adds to object's attributes (its dict, from its method
# table).
for t in (int, float, bool, str, list, tuple, dict, set, frozenset, range, slice, complex, type(None)):
    print(t.__name__, sorted(set(dir(t)) - set(dir(object))))
print(sorted(vars(int))[:6], type(vars(str)["upper"]), type(vars(int)["real"]), float.__getformat__("double"))
print(str.upper, int.real, (5).__add__(3), [3, 1].__len__(), (2.5).__round__(), (7).__divmod__(2), (1.5).real)
print(list(reversed(range(3))), list([1, 2].__reversed__()), (3).__floor__(), (2.5).__ceil__(), (-2.5).__trunc__())
print(int.mro(), bool.mro(), type(None)(), None.__bool__(), complex(1, 2).__neg__(), (1+2j).__add__(1))
print(sorted(t.__name__ for t in (int, str, float, list, dict, set, frozenset, tuple, bytes, bytearray)))
