# Functions, methods, generators, coroutines and properties take their
# attributes from their types' dicts, like every other type; property,
# staticmethod, classmethod and super are types.
import types


def f(a, b=2, *, c=3):
    "doc of f"
    return a


def names(obj, wanted):
    return [n for n in wanted if n in dir(obj)]


FUNC = ["__name__", "__qualname__", "__module__", "__doc__", "__dict__", "__code__",
        "__defaults__", "__kwdefaults__", "__closure__", "__globals__", "__annotations__",
        "__get__", "__call__"]
print(names(f, FUNC))
print(all(n in vars(types.FunctionType) for n in FUNC))
print(f.__name__, f.__qualname__, f.__module__, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__closure__, f.__code__.co_name, f.__globals__ is globals(), f.__annotations__)
print(type(f).__dict__["__name__"], hasattr(f, "__code__"), getattr(f, "nope", "missing"))
f.extra = 1
print(f.__dict__)
f.__doc__ = "changed"
print(f.__doc__, f.extra)
print(f.__call__(10), f.__get__(None, int) is f)


class K:
    def m(self, x):
        return x * 2


k = K()
bound = f.__get__(k)
print(type(bound).__name__, bound.__self__ is k, bound.__func__ is f)
bm = k.m
print(bm.__self__ is k, bm.__func__ is K.m, bm.__name__, bm.__qualname__, bm.__call__(4))
print(names(bm, ["__self__", "__func__", "__call__"]))
print(len.__name__, len.__qualname__, [].append.__name__, [].append.__self__ == [])
print(len.__call__([1, 2]), names(len, ["__name__", "__qualname__", "__self__", "__call__"]))


def gen():
    yield 1


g = gen()
print(names(g, ["__iter__", "__next__", "send", "throw", "close", "gi_code", "gi_running", "__name__"]))
print(g.__name__, g.__qualname__, g.gi_code.co_name, g.gi_running, g.send(None))
g.close()


async def co():
    return 1


c = co()
print(names(c, ["__await__", "send", "throw", "close", "cr_code", "cr_running", "__next__"]))
print(c.__name__, c.cr_code.co_name, c.cr_running)
c.close()


class C:
    @property
    def p(self):
        return "p"

    @p.setter
    def p(self, v):
        print("set", v)

    @staticmethod
    def s():
        return "s"

    @classmethod
    def k(cls):
        return cls.__name__

    def __repr__(self):
        return "C()"

    def sup(self):
        return super().__repr__()[:9]


ns = C.__dict__
print(isinstance(ns["p"], property), isinstance(ns["s"], staticmethod), isinstance(ns["k"], classmethod))
print(type(ns["p"]) is property, ns["p"].fget.__name__, ns["p"].fset.__name__, ns["p"].fdel)
print(sorted(n for n in vars(property) if not n.startswith("__")))
print(property, staticmethod, classmethod, super, type(super))
print(C().p, C.s(), C.k(), C().sup(), isinstance(super(C, C()), super))
C().p = 5
prop = property(fget=lambda self: 42)
print(prop.fget(None), property().fget, type(property(None, None, None)).__name__)
try:
    property(bad=1)
except TypeError as e:
    print("TypeError", e)
