"""C(args) from compiled code: plain classes whose Python __init__ takes
the instance and the arguments (defaults filling the rest) are made and
initialised without the general call; __init__ returning a value, raising,
classes with their own __new__, *args, and a class whose __init__ is
replaced while hot all behave as in the interpreter."""

import sys
import traceback


class Point:
    def __init__(self, x, y=0, z=None):
        self.x = x
        self.y = y
        self.z = z


class Bad:
    def __init__(self, v):
        self.v = v
        if v == 250:
            return v


class Fails:
    def __init__(self, v):
        if v % 100 == 99:
            raise ValueError(f"no {v}")
        self.v = v


class WithNew:
    def __new__(cls, v):
        inst = super().__new__(cls)
        inst.made = True
        return inst

    def __init__(self, v):
        self.v = v


class Star:
    def __init__(self, *args):
        self.n = len(args)


class Swapped:
    def __init__(self, v):
        self.v = v


def make_points(n):
    total = 0
    for i in range(n):
        p = Point(i) if i % 2 else Point(i, i, "z")
        total += p.x + p.y + (p.z is None)
    return total


def make_bad(n):
    out = []
    for i in range(n):
        try:
            out.append(Bad(i).v)
        except TypeError as e:
            out.append(str(e))
    return out[-1], len(out), [x for x in out if isinstance(x, str)]


def make_fails(n):
    caught = 0
    for i in range(n):
        try:
            Fails(i)
        except ValueError:
            caught += 1
    return caught


def make_others(n):
    made = 0
    stars = 0
    for i in range(n):
        made += WithNew(i).made
        stars += Star(i, i).n + Star().n
    return made, stars


def make_swapped(n):
    vals = []
    for i in range(n):
        vals.append(Swapped(i).v)
        if i == n // 2:
            Swapped.__init__ = lambda self, v: setattr(self, "v", -v)
    return vals[n // 2], vals[-1]


print(make_points(1000))
print(make_bad(300))
print(make_fails(1000))
print(make_others(300))
print(make_swapped(400))
try:
    for i in range(300):
        Fails(i)
except ValueError:
    traceback.print_exc(file=sys.stdout)
