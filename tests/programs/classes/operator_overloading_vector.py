import math
class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self): return f"Vec({self.x!r}, {self.y!r})"
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y) if isinstance(o, Vec) else NotImplemented
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k): return Vec(self.x * k, self.y * k) if isinstance(k, (int, float)) else NotImplemented
    __rmul__ = __mul__
    def __truediv__(self, k): return Vec(self.x / k, self.y / k)
    def __neg__(self): return Vec(-self.x, -self.y)
    def __abs__(self): return math.hypot(self.x, self.y)
    def __eq__(self, o): return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __bool__(self): return bool(self.x or self.y)
    def __iter__(self): yield self.x; yield self.y
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __matmul__(self, o): return self.x * o.x + self.y * o.y
    def __lt__(self, o): return abs(self) < abs(o)
a, b = Vec(3, 4), Vec(1, -2)
print(a + b, a - b, a * 2, 2 * a, a / 2, -a, abs(a), a @ b, a == Vec(3, 4), a != b, bool(Vec(0, 0)))
print(list(a), a[0], tuple(b), {a: "a", Vec(3, 4): "dup"}, sorted([a, b, Vec(0, 1)]), max(a, b), sum([a, b], Vec(0, 0)))
c = a; c += b; print(c, a, c is a)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a * "s"
except TypeError as e:
    print("TypeError:", e)
try:
    a.z = 1
except AttributeError as e:
    print("AttributeError:", e)
