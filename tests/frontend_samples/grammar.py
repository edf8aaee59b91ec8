# Statements and expressions of the 3.11 grammar in unusual spellings.
from __future__ import annotations
from .. import a
from ...pkg.mod import (b as c,
                        d,)
import x.y.z as w, q
@decorator(arg)
@other.attr[0]
class K(Base, *bases, metaclass=Meta, **kw):
    field: int = 0
    (paren): str
    obj.attr: list[int]
    def method(self, a, b=2, /, c=3, *, d, e=5, **rest) -> "K": ...
    async def am(self, *args: *Ts):
        async with a as (x, y), b as [z]:
            async for i in aiter():
                await i
        return [x async for x in y if await x]
def gen():
    x = yield
    y = yield from z
    yield 1, 2
    return (yield)
lam = lambda: (lambda a, /, b=1, *c, d, **e: a)
t = 1,
t2 = *a, *b
s = a[1:2, ::3, ...]
s2 = a[:, None]
u = not -~+x ** -y // z @ w
c = a < b <= c is not d not in e in f == g != h > i >= j is k
e = a if b else c if d else e
w = (n := 10) and [y := f(x), y**2]
d = {**a, 'b': 1, **{'c': 2}}
st = {*a, 1}
comp = {k: v for k, v in x.items() if k for _ in range(3)}
g = (x for x in range(10))
call(*args, keyword=1, *more, **kwargs)
del a, b[0], c.d
global g1, g2
with (open(p) as f, open(q) as h):
    pass
with (a, b):
    pass
try:
    pass
except* ValueError as eg:
    raise
try:
    pass
except (A, B) as e:
    raise X from None
else:
    pass
finally:
    pass
while x: break
else: continue
for x, (y, *z) in w: pass
match command.split():
    case [action]:
        pass
    case [Point(x=0, y=0) | Point(1, 2), *rest] if rest:
        pass
    case {"key": value, 1: other, **others}:
        pass
    case -1 | 1.5 | -2 + 3j | "str" "s" | b"bytes" | None | True | a.b.c:
        pass
    case (1 as one, _, *_) | [] | ():
        pass
    case _:
        pass
match = 1
match(x)
case = match
print(f"{x=}", f"{x = !s:>10}", f"{'nested' + f'{y}'}", f"""{
    a
}""", f'{a["k"]}' f"{{literal}}")
assert x, "message"
nonlocal_ = type_ = 1
x = y = z = 0
x += 1; x -= 1; x *= 1; x @= 1; x /= 1; x //= 1; x %= 1; x **= 1; x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1
