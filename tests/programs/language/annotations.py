# Annotations as CPython 3.11 evaluates and stores them: on functions
# (__annotations__, settable), in class bodies and at module level (simple
# names recorded, others evaluated), not for a function's locals.
def ann(x: int, *args: str, y: "fwd" = 2, **kw: float) -> list:
    z: int = 5
    return z
print(ann.__annotations__, ann(1))
def none(): pass
print(none.__annotations__)
none.__annotations__ = {"a": 1}
print(none.__annotations__)
class K:
    a: int = 1
    b: str
    if True:
        c: "later"
    d = 4
print(K.__annotations__, K.a, hasattr(K, "b"))
class Empty:
    pass
print(Empty.__dict__.get("__annotations__"))
q: float = 1.5
r: int
print(__annotations__)
import math
obj = type("O", (), {})()
obj.attr: int = 3
print(obj.attr, __annotations__)
lst = [0]
lst[0]: str = "x"
print(lst)
