# Direct calls go through one entry per shape of callee (its argument
# count and locals): functions of one shape with different constants and
# stack depths share it, and shapes past the unrolled sizes (many
# arguments, many locals) copy, fill and release their values in loops.


class Noisy:
    """Says when it is released, to show the order locals go in."""

    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  released", self.name)


# Two functions of one shape (2 arguments, 3 locals) with different
# constants and value stacks.
def shallow(a, b):
    c = a + b
    return c * 3


def deep(a, b):
    c = [a, b, (a, (b, (a, b)))]
    return "deep", len(c), c[2][1][0]


def nine(a, b, c, d, e, f, g, h, i):
    # 9 arguments and 12 locals: the copy and the release loop.
    j = a + b + c
    k = d * e * f
    m = g - h - i
    return j, k, m


def wide(x, y):
    # 2 arguments and 14 locals: the unbound locals written in a loop.
    a0 = x
    a1 = a0 + y
    a2 = a1 + y
    a3 = a2 + y
    a4 = a3 + y
    a5 = a4 + y
    a6 = a5 + y
    a7 = a6 + y
    a8 = a7 + y
    a9 = a8 + y
    a10 = a9 + y
    if x < 0:
        late = 1
        return late
    return a10


def wide_raises(x, y, flag):
    a = [x]
    b = (a, y)
    c = x + y
    d = c * 2
    e = d - 1
    f = e + 1
    g = f * f
    h = g - 1
    k = h + 1
    if flag:
        raise ValueError(f"wide_raises {k}")
    return k


def releases_in_order():
    for n in range(2):
        print("call", n)
        print(" ", nine(1, 2, 3, 4, 5, 6, 7, 8, 9))
        keep = Noisy(f"keep{n}")
        print(" ", held(keep, Noisy(f"arg{n}")))
        del keep


def held(p, q):
    r = Noisy("local")
    s = p.name + q.name + r.name
    return s


def run():
    total = 0
    for i in range(300):
        total += shallow(i, 1)
        name, n, inner = deep(i, i + 1)
        total += n + inner
        j, k, m = nine(i, 1, 2, 3, 4, 5, 6, 7, 8)
        total += j + k + m
        total += wide(i, 2)
    print("total", total, name)
    print("wide unbound", wide(-1, 1))
    for flag in (False, True):
        try:
            print("wide_raises", wide_raises(2, 3, flag))
        except ValueError as err:
            print("caught", err)
    releases_in_order()


run()


# One shape, many functions: each call runs its own body.
def make(k):
    def f(x):
        return x + k

    return f


adders = [make(k) for k in range(5)]


def one(x):
    return x * 10


def two(x):
    return x * 100


def apply_all(x):
    out = []
    for g in (one, two):
        out.append(g(x))
    for g in adders:
        out.append(g(x))
    return out


for i in range(3):
    print(apply_all(i))


# Deep recursion through one shape's entry, then the recursion limit.
def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


print("down", down(800))


def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as err:
    print("RecursionError", err)
