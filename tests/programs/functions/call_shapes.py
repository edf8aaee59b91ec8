# Every shape of call the compiler makes (CPython 3.11's: NULL or a
# method and its object under the arguments, PRECALL, CALL), including
# its own method-shaped calls: decorators, comprehensions, __exit__,
# AssertionError(msg), __build_class__.
import atexit
import functools
import math
from collections import deque


def g(*args, **kwargs):
    return args, sorted(kwargs.items())


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns)
        cls.kw = kw
        return cls


class Base:
    def __init__(self, x):
        self.x = x

    def m(self, *a, **k):
        return self.x, a, sorted(k.items())

    @staticmethod
    def s(a, b=2):
        return a + b

    @classmethod
    def c(cls, a):
        return cls.__name__, a


class Child(Base, metaclass=Meta, flag=1):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y


bases = (Base,)


class Star(*bases, **{"metaclass": Meta, "z": 2}):
    pass


def deco(tag):
    def wrap(f):
        @functools.wraps(f)
        def inner(*a):
            return tag, f(*a)
        return inner
    return wrap


@deco("outer")
@deco("inner")
def h(a):
    return a * 2


@atexit.register
def bye():
    print("bye")


@functools.lru_cache(maxsize=None)
def sq(n):
    return n * n


class CM:
    def __enter__(self):
        return "entered"

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return exc[0] is KeyError


def run():
    out = []
    out.append(g(1, 2, k=3))
    out.append(g(*[1, 2], **{"a": 1}))
    b = Child(1, 2)
    out.append(b.m(3, k=4))
    out.append(b.m(*[5, 6]))
    out.append((b.s(1), Base.s(1, 3), b.c(2), Child.c(3)))
    out.append((Child.kw, Star.kw, type(Star).__name__))
    out.append(h(3))
    out.append((sq(4), sq(4), sq.cache_info().hits))
    out.append([x * x for x in range(4)])
    out.append({x: x * 2 for x in "ab"})
    out.append(list(y for y in (1, 2)))
    q = deque()
    q.append(1)
    q.extend([2, 3])
    out.append((q.popleft(), len(q), math.sqrt(16.0), "{a}-{0}".format(1, a=2)))
    f = g
    out.append(f(1))
    out.append((lambda *a: a)(1, 2))
    out.append((g or f)(9))
    out.append(getattr(b, "m")(7))
    with CM() as v:
        out.append(v)
    with CM():
        raise KeyError("swallowed")
    try:
        with CM():
            raise ValueError("kept")
    except ValueError as e:
        out.append(repr(e))
    try:
        assert 1 == 2, "message"
    except AssertionError as e:
        out.append(repr(e))
    return out


def gen():
    r = g((yield 1), (yield 2))
    yield r


for item in run():
    print(item)
it = gen()
print(next(it), it.send("a"), it.send("b"))

for _ in range(3):
    print(run()[2:5])
AssertionError = ValueError  # the assert statement still raises the built-in one
try:
    assert False, "builtin"
except Exception as e:
    print(type(e).__name__, e)
