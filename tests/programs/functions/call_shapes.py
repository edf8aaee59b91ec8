import math
def two(a, b):
    return a * 10 + b
def with_default(a, b=5):
    return a - b
def nested(n):
    if n == 0:
        return [n]
    return nested(n - 1) + [n]
def apply(f, x):
    return f(x)
def boom(d):
    return d["missing"]
def caller(d):
    return boom(d) + 1
total = 0
for i in range(50):
    total = total + two(i, 3) + with_default(i) + with_default(i, 1)
items = []
for i in range(5):
    items.append(i * i)
print(total, items, nested(4), apply(len, "abc"), apply(math.sqrt, 16), int("7") + 1)
print(apply(lambda v: v * 2, 21), apply(str, 3.5), max(items), sorted(items, reverse=True))
print(caller({"a": 1}))
