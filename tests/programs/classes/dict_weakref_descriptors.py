# The `__dict__` and `__weakref__` descriptors a class adds for its
# instances (CPython's type_new): which classes get them, what they read,
# and `obj.__dict__ = d`.
import weakref


def own(cls):
    return [k for k in cls.__dict__ if k in ("__dict__", "__weakref__")]


class C:
    pass


class D(C):
    pass


class S:
    __slots__ = ("a",)


class SW:
    __slots__ = ("a", "__weakref__")


class SD:
    __slots__ = ("__dict__",)


class SWD(SW):
    pass


print(list(C.__dict__))
print(own(C), own(D), own(S), own(SW), own(SD), own(SWD))
for base in (int, str, tuple, bytes, list, dict, set, frozenset, float, Exception):
    print(base.__name__, own(type("X", (base,), {})))

c = C()
print(c.__weakref__)
r = weakref.ref(c)
print(c.__weakref__ is r, C.__weakref__.__get__(c) is r)
print(type(C.__dict__["__weakref__"]).__name__, C.__weakref__.__name__)
print(C.__dict__["__dict__"].__get__(c))
c.x = 1
print(c.__dict__)
c.__dict__ = {"y": 2}
print(c.y, hasattr(c, "x"), c.__dict__)
C.__dict__["__dict__"].__set__(c, {"z": 3})
print(c.z, vars(c))
try:
    c.__dict__ = [1]
except TypeError as e:
    print("TypeError:", e)
try:
    del c.__dict__
    print(vars(c))
except TypeError as e:
    print("TypeError:", e)
try:
    C.__dict__["__weakref__"].__set__(c, None)
except AttributeError as e:
    print("AttributeError")
print(hasattr(S(), "__weakref__"), SW().__weakref__, hasattr(S(), "__dict__"))
sd = SD()
sd.q = 5
print(sd.__dict__)
print(sorted(k for k in dir(C) if k.startswith("__w") or k == "__dict__"))
print(getattr(C, "__weakref__") is C.__dict__["__weakref__"])
