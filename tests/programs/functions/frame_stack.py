# Python-to-Python calls run on the interpreter's frame stack: returns,
# exceptions unwinding through several frames, handlers and finally
# blocks in callers, locals released when a frame returns, recursion
# deeper than the Rust stack would allow, and the recursion limit.
import sys


def leaf(x):
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x * 2


def middle(x):
    try:
        return leaf(x) + 1
    finally:
        print("middle finally", x)


def outer(x):
    try:
        return middle(x)
    except ValueError as e:
        print("outer caught", e)
        return -1


print(outer(3), outer(-2))


def catches_in_middle(x):
    try:
        leaf(x)
    except ValueError:
        print("caught in middle, context:", sys.exc_info()[0].__name__)
        return leaf(-x)


print(catches_in_middle(-5))


def chain():
    try:
        leaf(-1)
    except ValueError:
        leaf(-2)


try:
    chain()
except ValueError as e:
    print("chained:", e, "context:", repr(e.__context__))


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def holds(name):
    n = Noisy(name)
    return len(name)


print("returned", holds("local"))


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


sys.setrecursionlimit(30000)
print(deep(20000))


def forever(n):
    return forever(n + 1)


sys.setrecursionlimit(1000)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print("still running", deep(100))


def gen(n):
    for i in range(n):
        yield i * i


def use_gen(n):
    return sum(gen(n))


print(use_gen(10))


def even(n):
    return True if n == 0 else odd(n - 1)


def odd(n):
    return False if n == 0 else even(n - 1)


print(even(500), odd(501))


def with_default(a, b=10):
    return a + b


def kw_only(a, *, b):
    return a - b


def star(*args):
    return len(args)


def calls_many(x):
    return with_default(x) + with_default(x, 1) + kw_only(x, b=1) + star(x, x, x)


print(calls_many(5))


def defaults(a, b=[], c="c"):
    b.append(a)
    return a, len(b), c


# Defaults fill the missing last parameters, the same objects each call.
print(defaults(1), defaults(2), defaults(3, [0]), defaults(4, [], "x"), defaults(5))
try:
    defaults()
except TypeError as e:
    print("TypeError:", e)


class Point:
    def __init__(self, x, y=0):
        self.x, self.y = x, y

    def moved(self, dx=1, dy=1):
        return Point(self.x + dx, self.y + dy)


p = Point(1).moved().moved(5)
print(p.x, p.y)


# Class construction runs __init__ on the frame stack.
class Base:
    def __init__(self, name):
        self.name = name


class Derived(Base):
    def __init__(self, name, extra=None):
        super().__init__(name.upper())
        self.extra = extra


d = Derived("d")
print(d.name, d.extra, Derived("e", 1).extra)


class ReturnsValue:
    def __init__(self):
        return 42


try:
    ReturnsValue()
except TypeError as e:
    print("TypeError:", e)


class Raises:
    def __init__(self, n):
        if n > 2:
            raise ValueError("too big: %d" % n)
        self.child = Raises(n + 1)


try:
    Raises(0)
except ValueError as e:
    print("ValueError:", e)


class WithNew:
    def __new__(cls, *args):
        print("new", args)
        return super().__new__(cls)

    def __init__(self, a):
        self.a = a


print(WithNew(7).a)


class Tree:
    def __init__(self, depth):
        self.kids = [Tree(depth - 1) for _ in range(2)] if depth else []

    def size(self):
        return 1 + sum(k.size() for k in self.kids)


print(Tree(6).size())
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)


def fails_deep(n):
    if n == 0:
        return {}["missing"]
    return fails_deep(n - 1)


def top():
    return fails_deep(3)


top()
