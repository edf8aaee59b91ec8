# BINARY_OP on two instances of one class whose special method is a
# Python function: called directly by compiled code (BINARY_OP_INSTANCE
# feedback), with every guard failing somewhere below.
import sys


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        return V(self.x + o.x)

    def __sub__(self, o):
        if o.x == 13:
            raise ValueError("thirteen")
        return V(self.x - o.x)

    def __mul__(self, o):
        if o.x < 0:
            return NotImplemented
        return self.x * o.x

    def __repr__(self):
        return "V(%r)" % (self.x,)


class W(V):
    def __radd__(self, o):
        return "W.__radd__"


def add_all(items, start):
    total = start
    for v in items:
        total = total + v
    return total


def products(pairs):
    out = []
    for a, b in pairs:
        try:
            out.append(a * b)
        except TypeError as e:
            out.append("TypeError: %s" % e)
    return out


def differences(pairs):
    out = []
    for a, b in pairs:
        try:
            out.append((a - b).x)
        except ValueError as e:
            out.append("ValueError: %s" % e)
    return out


vs = [V(i) for i in range(20)]
for _ in range(30):
    r = add_all(vs, V(0))
print(r)
for _ in range(3):
    print(products([(V(2), V(3)), (V(4), V(-1)), (V(5), V(6))] * 3))
    print(differences([(V(20), V(3)), (V(20), V(13)), (V(1), V(2))] * 3))
# Another class on the right (a subclass with __radd__ goes first), ints.
print(add_all([V(1), V(3), W(2)], V(0)))
print(add_all([1, 2, 3], 0))
print(add_all(["a", "b"], ""))
# The class changes: its version with it.
V.__add__ = lambda self, o: V(self.x * 10 + o.x)
print(add_all([V(1), V(2)], V(0)))
del V.__add__
try:
    add_all([V(1)], V(0))
except TypeError as e:
    print("TypeError:", e)


# A generator as the method: the call makes a generator object.
class G:
    def __add__(self, o):
        yield "gen"


def gadd(a, b):
    return a + b


for _ in range(20):
    g = gadd(G(), G())
print(type(g).__name__, list(g))


# Deep recursion through the special method.
class R:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        if self.n == 0:
            return 0
        return 1 + (R(self.n - 1) + o)


for _ in range(3):
    print(R(50) + R(0))
sys.setrecursionlimit(200)
try:
    R(10000) + R(0)
except RecursionError as e:
    print("RecursionError:", e)
