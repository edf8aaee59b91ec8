from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), tuple(p), p == (1, 2), p._fields, Point._fields)
print(p._replace(y=5), p._asdict(), Point._make([7, 8]), isinstance(p, tuple), type(p).__name__)
x, y = p
print(x + y, sum(p), max(p), sorted([Point(3, 1), Point(1, 2), Point(1, 1)]))
Color = namedtuple("Color", "red green blue", defaults=[0, 255])
print(Color(1), Color(1, 2, 3), Color._field_defaults)
d = {Point(0, 0): "origin"}
print(d[Point(0, 0)], d[(0, 0)], hash(Point(1, 2)) == hash((1, 2)))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, z=3)
except TypeError as e:
    print("TypeError:", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")
try:
    namedtuple("Bad", "x x")
except ValueError as e:
    print("ValueError:", e)
try:
    namedtuple("Bad", "x class")
except ValueError as e:
    print("ValueError:", e)
R = namedtuple("R", "a, b, _c", rename=True)
print(R._fields, R(1, 2, 3))
class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    @property
    def norm2(self):
        return self.x ** 2 + self.y ** 2
v = Vec(1, 2) + Vec(3, 4)
print(v, v.norm2, repr(v))
print([Point(i, i * i) for i in range(3)])
