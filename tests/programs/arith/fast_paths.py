# The interpreter's fast paths for ints and floats must agree with the
# full operations at every edge: signs, overflow into big ints, exact
# int/float comparison, division by zero, NaN and infinities, power.
import math

big = 2 ** 62
edges = [0, 1, -1, 7, -7, 3, -3, big, -big, 2 ** 63 - 1, -2 ** 63]
for x in edges:
    for y in edges:
        row = [x + y, x - y, x * y, x & y, x | y, x ^ y]
        if y:
            row += [x // y, x % y, x / y]
        print(x, y, row)

# In-place forms.
a = 2 ** 63 - 1
a += 1
print(a)
b = -2 ** 63
b //= -1
print(b)
c = -7
c %= 3
print(c)
d = 7
d /= 2
print(d)

# True division of ints: exact up to 2**53, correctly rounded beyond.
for x, y in [(1, 3), (2 ** 53, 3), (2 ** 53 + 1, 1), (10 ** 18 + 1, 7), (-9, 4)]:
    print(x / y)

floats = [0.0, -0.0, 1.5, -2.25, 1e308, float("inf"), float("-inf"), float("nan")]
for x in floats:
    for y in floats:
        r = [x + y, x - y, x * y]
        try:
            r.append(x / y)
        except ZeroDivisionError as e:
            r.append(str(e))
        print(x, y, r, x < y, x <= y, x == y, x != y, x > y, x >= y)

# Mixed int and float.
for x in [0, 3, -5, 2 ** 53 + 1, 2 ** 60]:
    for y in [0.5, -2.0, 9007199254740992.0, float("nan")]:
        print(x, y, x + y, y - x, x * y, y / 2, x < y, x == y, y >= x, x != y)
print(2 ** 53 + 1 == 9007199254740992.0, 9007199254740992.0 < 2 ** 53 + 1)

# Power.
for x, y in [(2.0, 0.5), (2.0, -1.5), (10.0, 308.0), (10.0, 309.0), (-8.0, 1 / 3),
             (-2.0, 2.0), (0.0, -1.0), (0.0, 0.0), (1.5, float("inf")), (4, 0.5)]:
    try:
        print(x, y, x ** y)
    except (OverflowError, ZeroDivisionError, ValueError) as e:
        print(x, y, type(e).__name__, e)

# Truth of floats.
for f in [0.0, -0.0, 1e-300, float("nan")]:
    print(f, "true" if f else "false")

# Stores into lists.
lst = [1, 2, 3]
lst[0] = "a"
lst[-1] = "c"
print(lst)
try:
    lst[3] = 4
except IndexError as e:
    print(e)
try:
    lst[-4] = 4
except IndexError as e:
    print(e)


class Noisy:
    def __del__(self):
        print("freed while the list holds", lst2)


lst2 = [Noisy(), 1]
lst2[0] = "new"
print(lst2)
print(math.isnan(float("nan") * 0))
