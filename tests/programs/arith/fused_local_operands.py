# `local op constant` / `local op local` computed in one step once the
# operator is specialised: results, overflow into big ints, operand types
# changing under a warm site, comparisons with and without a jump after
# them, and an unbound second local.

def sub_one(n):
    return n - 1

def mul(a, b):
    return a * b

def add(a, b):
    return a + b

def less(a, b):
    if a < b:
        return "lt"
    return "ge"

def less_value(a, b):
    r = a < b
    return r

def float_ops(x, y):
    return x * y + x - y, x < y, x >= y

for i in range(20):
    sub_one(i)
    mul(i, i)
    add(i, 3)
    less(i, 10)
    less_value(i, 5)
    float_ops(float(i), 2.5)

print(sub_one(10), sub_one(-(2 ** 63)), sub_one(2 ** 70))
print(mul(3, 4), mul(2 ** 40, 2 ** 40), mul("ab", 3), mul(1.5, 2))
print(add(2, 3), add(2 ** 63 - 1, 1), add(1, 0.5), add("x", "y"))
print(less(1, 2), less(2, 1), less(1.5, 2), less("a", "b"), less(3, 3.5))
print(less_value(1, 2), less_value(3, 2), less_value(2.0, 1))
print(float_ops(1.5, 2.5), float_ops(2, 2.5), float_ops(float("nan"), 1.0))
print(float_ops(float("inf"), float("inf")))

def late(flag):
    if flag:
        b = 2
    a = 1
    return a + b

for _ in range(10):
    late(True)
try:
    late(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)

def countdown(n):
    total = 0
    while n > 0:
        total = total + n
        n = n - 1
    return total

print(countdown(100), countdown(0), countdown(2.5))

def first(seq):
    return seq[0], seq[1]

def last(seq):
    return seq[-1]

class L(list):
    def __getitem__(self, i):
        return ("L", i)

for _ in range(10):
    first([1, 2])
    first((3, 4))
    last([5])
print(first([1, 2]), first((3, 4)), first("ab"), first(L([9, 9])), first({0: "a", 1: "b"}))
print(last([1, 2, 3]), last((4, 5)))
try:
    first([1])
except IndexError as e:
    print("IndexError", e)
try:
    first((1,))
except IndexError as e:
    print("IndexError", e)
