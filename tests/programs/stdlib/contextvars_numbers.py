import contextvars
v = contextvars.ContextVar("v", default=1)
print(v.get(), v.name)
t = v.set(5)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING)
ctx = contextvars.copy_context()
def inside(x):
    v.set(x)
    return v.get()
print(ctx.run(inside, 9), v.get(), ctx[v], v in ctx, len(ctx) >= 1)
v.reset(t)
print(v.get())
w = contextvars.ContextVar("w")
try:
    w.get()
except LookupError:
    print("LookupError")
print(w.get("dflt"))
from fractions import Fraction
print(Fraction(3, 4) + Fraction(1, 6), Fraction("0.125"), Fraction(1.5).limit_denominator())
import statistics
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]))
from decimal import Decimal, getcontext
getcontext().prec = 10
print(Decimal(1) / Decimal(7), Decimal("1.10") + Decimal("2.20"))
