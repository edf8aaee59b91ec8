"""Postponed annotations."""
from __future__ import annotations
import __future__
def f(x: Later, *a: tuple[int, ...], k: dict[str, "Later"] = None, **kw: int | None) -> list[Later]:
    return x
print(f.__annotations__)
class Later:
    pass
class C:
    a: Later
    b: "q" = 1
    c: Callable[[int, str], bool] = None
    d: 1 + 2 * 3 ** -x
    e: (a or b) and not c
    f: x if y else z
    g: a.b.c[1:2, ::3]
    h: (1,)
    i: -1 .real
print(C.__annotations__, C.b)
print(__future__.annotations, __future__.all_feature_names[-1])
obj = C()
obj.attr: Undefined = 3
print(obj.attr)
