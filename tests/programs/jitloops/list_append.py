# list.append inline where the interpreter saw it: an exact list with
# room takes the item in compiled code; a full list grows through the
# full call, and subclasses with their own append, other objects with an
# append method, a list in use by sort() and wrong argument counts take
# it too, with CPython's results and errors.
from collections import deque


class Logged(list):
    def append(self, x):
        super().append(("logged", x))


class Box:
    def __init__(self):
        self.items = []

    def append(self, x):
        self.items.append(x * 2)


def fill(target, n):
    for i in range(n):
        target.append(i)
    return target


for _ in range(300):
    out = fill([], 40)
print(len(out), out[:3], out[-3:])
print(fill(Logged(), 3))
print(list(fill(deque(), 4)))
print(fill(Box(), 3).items)
nested = []
for i in range(5):
    nested.append([i] * i)
    nested.append(nested)
print(len(nested), nested[-2], nested[-1] is nested)

victim = [3, 1, 2]


def key(x):
    fill(victim, 1)
    return x


try:
    victim.sort(key=key)
except ValueError as e:
    print("sort:", e)
print(victim)


def wrong(target):
    return target.append()


for i in range(300):
    fill([1], 2)
try:
    wrong([])
except TypeError as e:
    print("TypeError:", e)
l = [3, 1, 2]
print(sorted(l, key=lambda x: (len(l), x)))
def k(x):
    print("len inside", len(l))
    return x
l.sort(key=k)
print(l)
m = [2, 1]
try:
    m.sort(key=lambda x: 1 / 0)
except ZeroDivisionError:
    print("zd", m)
