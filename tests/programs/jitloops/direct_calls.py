# Calls between compiled functions that compiled code makes itself
# (direct calls): the frames they make are visible, exceptions cross
# them with tracebacks, handlers in callees run, locals are released at
# return, and every case a direct call does not take still works.
import gc
import sys
import traceback


def leaf(n):
    return n + 1


def mid(n):
    return leaf(n) * 2


def top(n):
    total = 0
    for i in range(n):
        total += mid(i)
    return total


print("sum", top(50))


# The running frames, seen from the innermost of a chain of calls.
def names_from_here():
    f = sys._getframe(1)
    out = []
    while f is not None and f.f_code.co_name != "<module>":
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out


def a():
    return b()


def b():
    return c()


def c():
    return names_from_here()


for _ in range(3):
    print(a())


def stack_lines():
    return [line.strip() for line in traceback.format_stack()[-4:-1]]


def outer_stack():
    return inner_stack()


def inner_stack():
    return stack_lines()


print(outer_stack())


# Exceptions: raised three calls down, caught by the caller, with the
# traceback of every frame in between.
def fail(x):
    return 10 // x


def via(x):
    return fail(x) + 1


def catcher(x):
    try:
        return via(x)
    except ZeroDivisionError as e:
        tb = traceback.extract_tb(e.__traceback__)
        return ("caught", [(t.name, t.line) for t in tb])


print(catcher(5))
print(catcher(0))


# A handler in the callee catches its own exception (it runs in the
# interpreter) and returns to the compiled caller.
def handles(x):
    try:
        return [1, 2, 3][x]
    except IndexError:
        return -1
    finally:
        x = None


def calls_handles():
    return [handles(i) for i in range(5)]


print(calls_handles())


# Methods, closures, defaults, keywords, star-args, generators and
# classes: direct or not, the same results.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def plus(self, other):
        return Point(self.x + other.x, self.y + other.y)


def points(n):
    p = Point(0, 0)
    for i in range(n):
        p = p.plus(Point(i, 1))
    return p.norm2()


print("points", points(100))


def make_adder(k):
    def add(v):
        return v + k

    return add


def use_adder(n):
    add3 = make_adder(3)
    return [add3(i) for i in range(n)]


print(use_adder(5))


def with_default(a, b=10):
    return a + b


def kwonly(a, *, b):
    return a - b


def star(*args):
    return len(args)


def gen(n):
    yield from range(n)


def mixed():
    return (with_default(1), with_default(1, 2), kwonly(5, b=2), star(1, 2, 3), list(gen(3)))


print(mixed())


# Locals are released when the callee returns, in order, before the
# caller goes on.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def holds_two(tag):
    first = Noisy(tag + "1")
    second = Noisy(tag + "2")
    return tag


def caller_of_holds():
    r = holds_two("x")
    print("back in caller with", r)
    return r


caller_of_holds()


# Cycles made in a callee are collected while the caller runs.
def make_cycle():
    a = []
    a.append(a)
    return len(a)


def cycles(n):
    t = 0
    for _ in range(n):
        t += make_cycle()
    gc.collect()
    return t


print("cycles", cycles(100))


# Deep recursion: the recursion limit holds (RecursionError, caught
# by a compiled caller), and frames with many locals cross the data
# stack's chunks both ways.
def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def try_down(n):
    try:
        return down(n)
    except RecursionError as e:
        return "RecursionError: " + str(e)


print(try_down(500))
print(try_down(100000))


def wide(n, a=0):
    b = c = d = e = f = g = h = i = j = k = m = n
    if n == 0:
        return 0
    return wide(n - 1) + (b + c + d + e + f + g + h + i + j + k + m) // 11 - n + 1


def wide_rounds():
    return [wide(300) for _ in range(3)]


print(wide_rounds())


old = sys.getrecursionlimit()
sys.setrecursionlimit(30000)
print("deep", down(20000))
sys.setrecursionlimit(old)
