# Calls with keywords, `*args` / `**kwargs` parameters or missing
# arguments run on the interpreter's frame stack: results, binding
# errors, generators, methods, deep recursion and its limit.
import sys

def f(a, b=2, *rest, c, d=4, **extra):
    return (a, b, rest, c, d, sorted(extra.items()))

print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, d=8, e=9))
print(f(a=1, c=3, z=0))

def g(x, *, y):
    return x + y

class K:
    def m(self, v, *, scale=1):
        return v * scale

    @staticmethod
    def s(*args, **kw):
        return args, sorted(kw)

k = K()
for i in range(5):
    g(i, y=1)
    k.m(i, scale=2)
print(g(1, y=2), k.m(3, scale=3), K.s(1, 2, q=3))

def gen(n, *, step=1):
    i = 0
    while i < n:
        yield i
        i += step

print(list(gen(10, step=3)))

for bad in (lambda: g(1), lambda: g(1, 2), lambda: g(1, y=2, z=3), lambda: f(c=1), lambda: g(1, y=2, x=3)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

def down(n, *, acc=0):
    if n == 0:
        return acc
    return down(n - 1, acc=acc + 1)

sys.setrecursionlimit(20000)
print(down(15000))

def forever(n, *, depth=0):
    return forever(n, depth=depth + 1)

try:
    forever(0)
except RecursionError as e:
    print("RecursionError", e)

def raiser(*, msg):
    raise ValueError(msg)

def outer():
    return raiser(msg="inner")

try:
    outer()
except ValueError as e:
    import traceback
    print("ValueError", e, [fr.name for fr in traceback.extract_tb(e.__traceback__)])
