class Pair(tuple):
    __slots__ = ()
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
    @property
    def second(self):
        return self[1]
    def swap(self):
        return Pair(self[1], self[0])
    def __repr__(self):
        return f"Pair{tuple.__repr__(self)}"
p = Pair(1, "x")
print(p, p.first, p.second, p.swap(), len(p), p == (1, "x"), p + (3,), list(p), hash(p) == hash((1, "x")))
a, b = p
print(a, b, sorted([Pair(2, 1), Pair(1, 2)]), max(Pair(1, 9)), Pair(1, 2) < Pair(1, 3))
try:
    p.extra = 1
except AttributeError as e:
    print("AttributeError")
class Vec(tuple):
    def __add__(self, other):
        return Vec(x + y for x, y in zip(self, other))
    def __mul__(self, k):
        return Vec(x * k for x in self)
    __rmul__ = __mul__
v = Vec([1, 2, 3])
print(v + Vec([1, 1, 1]), v * 2, 3 * v, type(v * 2).__name__, v[1:], type(v[1:]).__name__)
