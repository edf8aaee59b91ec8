# weakref.proxy: stands for its target in every operation while the target
# lives, raises ReferenceError after; callable proxies call through.
import weakref


class Vec:
    def __init__(self, *items):
        self.items = list(items)
        self.name = "v"

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __iter__(self):
        return iter(self.items)

    def __contains__(self, x):
        return x in self.items

    def __add__(self, other):
        return Vec(*(self.items + list(other)))

    def __eq__(self, other):
        return isinstance(other, Vec) and self.items == other.items

    def __lt__(self, other):
        return self.items < other.items

    def __bool__(self):
        return bool(self.items)

    def __str__(self):
        return "Vec%s" % (self.items,)

    def __neg__(self):
        return Vec(*(-x for x in self.items))

    def total(self):
        return sum(self.items)


v = Vec(1, 2, 3)
p = weakref.proxy(v)
print(type(p).__name__, type(p) is weakref.ProxyType, isinstance(p, weakref.ProxyTypes))
print(p.name, p.total(), len(p), p[0], list(p), 2 in p, 9 in p, bool(p), str(p))
p[0] = 10
del p[1]
p.name = "renamed"
print(v.items, v.name, (p + [4]).items, (-p).items, p == Vec(10, 3), p < Vec(11), p.__class__.__name__)
print(weakref.proxy(v) is p, weakref.getweakrefcount(v), repr(p).startswith("<weakproxy at "))
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
try:
    p()
except TypeError as e:
    print("TypeError:", e)

# Callable targets get a callable proxy.
def f(x, y=1):
    return x + y


cp = weakref.proxy(f)
print(type(cp).__name__, cp(2), cp(2, y=5), cp.__name__)

# A proxy of a list, of a dict; arithmetic with a proxy on the right.
class Num:
    def __init__(self, n):
        self.n = n

    def __radd__(self, other):
        return other + self.n


num = Num(5)
print(1 + weakref.proxy(num))

# After the target dies: ReferenceError, and the callback ran.
died = []
w = Vec(1)
pw = weakref.proxy(w, lambda r: died.append(type(r).__name__))
del w
print(died)
for op in (lambda: pw.items, lambda: len(pw), lambda: str(pw), lambda: pw + [1], lambda: bool(pw)):
    try:
        op()
    except ReferenceError as e:
        print("ReferenceError:", e)
print(repr(pw).endswith("; dead>"))
try:
    weakref.proxy(5)
except TypeError as e:
    print("TypeError:", e)
