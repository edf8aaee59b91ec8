# An instance whose class's __call__ is itself such an instance recurses
# with no Python frame in between: a RecursionError (CPython's
# Py_EnterRecursiveCall), not a crash. Callable instances otherwise work
# as before, under the recursion limit.
import sys


class A:
    pass


A.__call__ = A()
a = A()
try:
    a()
except RecursionError as e:
    print("RecursionError:", e)


class C:
    def __call__(self, x):
        return x + 1


c = C()
print(c(1), sum(map(c, range(5))))


def deep(n):
    return c(n) if n == 0 else deep(n - 1)


sys.setrecursionlimit(200)
print(deep(150))
try:
    deep(250)
except RecursionError as e:
    print("deep:", e)
