# Attribute loads, method loads and attribute stores in compiled code
# (the JIT's `attr` helper, through the interpreter's inline caches):
# hits, misses, polymorphic sites, descriptors, errors with tracebacks,
# and objects whose last reference goes during the instruction.
import sys
import traceback


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm1(self):
        return Point.norm1(self) + abs(self.z)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


class Props:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, value):
        if value < 0:
            raise ValueError("negative")
        self._v = value

    @property
    def broken(self):
        return 1 / 0


class Dynamic:
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:]
        raise AttributeError(name)


class Guarded:
    def __setattr__(self, name, value):
        if name == "frozen":
            raise TypeError("cannot set frozen")
        object.__setattr__(self, name, value)


def total_norm(points):
    t = 0
    for p in points:
        t += p.norm1() + p.x
    return t


def shapes(n):
    # One site sees two shapes, then a third class.
    ps = []
    for i in range(n):
        ps.append(Point(i, -i) if i % 2 else Point3(i, i, -i))
    return total_norm(ps)


def stores(n):
    p = Point(0, 0)
    s = Slotted(0)
    for i in range(n):
        p.x = i
        p.y = p.x + 1
        s.a = i
        s.b = s.a * 2
    p.w = 5  # a new attribute: a shape transition
    return p.x, p.y, p.w, s.a, s.b


def descriptors():
    o = Props()
    out = [o.v]
    o.v = 4
    out.append(o.v)
    try:
        o.v = -1
    except ValueError as e:
        out.append("setter raised " + str(e))
    try:
        o.broken
    except ZeroDivisionError as e:
        out.append("getter raised " + str(e))
    d = Dynamic()
    out.append(d.dyn_hello)
    try:
        d.missing
    except AttributeError as e:
        out.append("getattr raised " + str(e))
    g = Guarded()
    g.ok = 1
    try:
        g.frozen = 2
    except TypeError as e:
        out.append(str(e))
    return out


def methods():
    s = "abc"
    lst = [3, 1, 2]
    lst.sort()
    parts = "a,b,c".split(",")
    f = Point(1, 2)
    f.callback = len  # an instance attribute called like a method
    return s.upper(), lst, parts, f.callback(parts), Point.norm1(f)


def missing_attribute(o):
    return o.nope


def missing_method(o):
    return o.nope()


def temporary_object():
    # The object's last reference is the stack's: freed after the load.
    return Point(7, 8).x + Point3(1, 2, 3).norm1()


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("del", self.tag)


def finalizer_mid_load():
    return Noisy("a").tag


print(shapes(200))
print(stores(100))
print(descriptors())
print(methods())
print(temporary_object())
print(finalizer_mid_load())
for f, arg in ((missing_attribute, Point(1, 2)), (missing_method, 5), (missing_attribute, None)):
    try:
        f(arg)
    except AttributeError as e:
        print(type(e).__name__, e)
        traceback.print_exc(file=sys.stdout)
