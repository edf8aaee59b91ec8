# math functions read real arguments as CPython does: __float__ (which must
# return a float), then __index__; floor/ceil/trunc through __floor__/
# __ceil__/__trunc__.
import math
from fractions import Fraction
from decimal import Decimal
class I:
    def __index__(self): return 7
class F:
    def __float__(self): return 2.5
class T:
    def __trunc__(self): return 'trunc'
    def __floor__(self): return 'floor'
    def __ceil__(self): return 'ceil'
print(math.sqrt(Fraction(9, 4)), math.sqrt(Decimal('2.25')), math.sqrt(I()), math.sin(F()))
print(math.floor(T()), math.ceil(T()), math.trunc(T()), math.floor(F()), math.ceil(Fraction(7, 2)), math.floor(2.5), math.trunc(-2.5))
for bad in [lambda: math.trunc(F()), lambda: math.sqrt("x"), lambda: math.floor("x")]:
    try: bad()
    except TypeError as e: print(e)
class BadF:
    def __float__(self): return 1
try: math.sqrt(BadF())
except TypeError as e: print(e)
print(math.isnan(F()), math.log(I()), math.pow(F(), 2), math.fsum([F(), 1]), math.hypot(F(), I()))
# Integer functions take __index__.
print(math.factorial(I()), math.gcd(I(), 21), math.isqrt(I()), math.comb(I(), 2), math.perm(I(), 1), math.lcm(I(), 3))
