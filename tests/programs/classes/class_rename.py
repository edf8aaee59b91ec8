# Assigning a class's __name__ and __qualname__ (typing does it for
# typing.re), and module reprs.
import json
import sys
import typing


class A:
    pass


A.__name__ = "Renamed"
print(A.__name__, A.__qualname__, "__name__" in A.__dict__)
A.__qualname__ = "Outer.Renamed"
print(A.__qualname__, repr(A).endswith("Outer.Renamed'>"))
try:
    A.__name__ = 5
except TypeError as e:
    print("TypeError:", e)
print(sys.modules["typing.re"].__name__, "re" in sys.modules and sys.modules["re"].__name__)
print(repr(json).startswith("<module 'json' from "), repr(sys))
