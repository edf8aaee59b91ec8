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
print(len(dir(1)), "upper" in dir(str), "append" in dir(list))
print(sorted(t.__name__ for t in (int, str, float, list, dict, set, frozenset, tuple, bytes, bytearray)))
