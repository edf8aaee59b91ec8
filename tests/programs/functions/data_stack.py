# Frames carved from the per-thread data stack: deep call chains that
# cross its chunks, frames larger than a chunk, generators whose frames
# leave it, and unwinding through all of these.
import sys

sys.setrecursionlimit(20000)


def depth(n, acc):
    # A few locals, so that thousands of frames fill several chunks.
    a, b, c = n, n * 2, n * 3
    if n == 0:
        return acc
    return depth(n - 1, acc + a + b - c + 1)


print(depth(12000, 0))


def fails_at_bottom(n):
    x = [n]
    if n == 0:
        raise ValueError("bottom")
    try:
        return fails_at_bottom(n - 1)
    finally:
        x.append(n)


try:
    fails_at_bottom(9000)
except ValueError as e:
    print("caught", e)

# The chain above is gone: new deep calls reuse the stack.
print(depth(12000, 1))


# A frame with more locals than a chunk holds.
src = "def wide(k):\n" + "".join(f"    v{i} = k + {i}\n" for i in range(5000))
src += "    return v0 + v4999 + inner(k)\n"
src += "def inner(k):\n    return k * 2\n"
ns = {}
exec(src, ns)
print(ns["wide"](1))


def recurse_into_wide(n):
    if n == 0:
        return ns["wide"](n)
    return recurse_into_wide(n - 1) + 1


print(recurse_into_wide(3000))


# Generators made deep in a chain keep their frames after it returns.
def counter(start):
    total = start
    while True:
        got = yield total
        total += got


def make_deep(n):
    if n == 0:
        g = counter(100)
        next(g)
        return [g]
    gens = make_deep(n - 1)
    if n % 1000 == 0:
        g = counter(n)
        next(g)
        gens.append(g)
    return gens


gens = make_deep(5000)
print([g.send(1) for g in gens])
print([g.send(2) for g in gens])


# A generator whose body recurses, resumed from different depths.
def walk(n):
    if n:
        yield from walk(n - 1)
    yield n


def consume(g, n):
    if n:
        return consume(g, n - 1)
    return next(g)


w = walk(400)
print(consume(w, 10), consume(w, 2000), consume(w, 5), sum(w))


# Calls made by built-ins (sorted's key, map) in the middle of a deep chain.
def keyed(n):
    if n == 0:
        return sorted(range(10), key=lambda v: -depth(50, v))[:3]
    return keyed(n - 1)


print(keyed(3000))
print(list(map(lambda v: depth(v, 0), [0, 10, 2000])))


# Class bodies and __init__ frames deep in a chain.
def make_class(n):
    if n == 0:
        class Point:
            scale = 3

            def __init__(self, x, y=2):
                self.x = x * self.scale
                self.y = y

        return Point(5)
    return make_class(n - 1)


p = make_class(4000)
print(p.x, p.y)


# RecursionError leaves the stack usable.
def forever(n):
    return forever(n + 1)


try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, e)
print(depth(100, 0))
