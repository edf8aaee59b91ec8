# Identity, truth and negation in compiled code (IS_OP, UNARY_NOT and
# UNARY_NEGATIVE inline for immediates, the interpreter for the rest),
# and negative literals folded into constants as CPython folds them.
import sys
import traceback
import math


class C:
    pass
c = C()
vals = [None, True, False, 0, 1, -1, 2**62, 2**64, 0.0, -0.0, math.nan, 1.5, "a", "", c, C, [], (), 1 == 1, 3 > 4]
def f(a, b):
    return (a is b, a is not b, not a, not (a is b))
for a in vals:
    for b in vals:
        print(f(a, b), end=" ")
    print()
x = float("nan")
print(f(x, x), f(c, c), f(True, 1 == 1), f(None, None))
class B:
    def __bool__(self):
        raise ValueError("no truth")
try:
    print(not B())
except ValueError as e:
    print("ValueError", e)
class L:
    def __len__(self):
        return 0
print(not L(), not [1], not "", not 0.0, not 2**70)
import math
vals = [0, 1, -1, 2**63-1, -2**63, 2**64, -2**70, 0.0, -0.0, 1.5, math.inf, -math.inf, math.nan, True, False, 3+4j]
def f(x):
    return -x
for v in vals:
    print(repr(f(v)))
class N:
    def __neg__(self):
        return "neg!"
print(f(N()))
try:
    f("s")
except TypeError as e:
    print("TypeError", e)
def g(n):
    t = 0
    for i in range(n):
        t += -i
    return t
print(g(100))
try:
    f([1])
except TypeError:
    traceback.print_exc(file=sys.stdout)
print(-1, -0.0, -2.5, -1j, (-1, -1.0), [1, 2][-1], -(2**63))
