# LOAD_ATTR_CLASS (a plain value on the class) and LOAD_ATTR_PROPERTY (a
# property whose getter is a Python function) after warming up, and
# everything that must invalidate them: the instance shadowing the name,
# the class attribute rebound or deleted, the property replaced, a
# subclass, a getter that raises, getters of another shape.

class K:
    LIMIT = 10
    NAME = "k"
    PAIR = (1, 2)
    RATE = 0.5

    def __init__(self, n):
        self.n = n

    def over(self):
        return self.n > self.LIMIT

    def describe(self):
        return (self.NAME, self.PAIR, self.RATE)

    @property
    def double(self):
        return self.n * 2

class Sub(K):
    LIMIT = 3

def check(k):
    return k.over(), k.describe(), k.double

objs = [K(5), K(20), Sub(5)]
for _ in range(10):
    for o in objs:
        check(o)
print([check(o) for o in objs])

k = K(7)
for _ in range(10):
    check(k)
k.LIMIT = 1
print("shadowed", check(k))
del k.LIMIT
print("unshadowed", check(k))
K.LIMIT = 100
print("rebound", check(k), check(Sub(50)))
del K.NAME
try:
    check(k)
except AttributeError as e:
    print("AttributeError", e)
K.NAME = "back"
print(check(k))

K.double = property(lambda self: "lambda getter")
print(check(k))
K.double = property(lambda self, extra=1: ("defaults", extra))
print(check(k))
K.double = 42
print(check(k))

class Boom:
    @property
    def value(self):
        raise ValueError("getter failed")

def read(b):
    return b.value

for _ in range(3):
    try:
        read(Boom())
    except ValueError as e:
        print("ValueError", e)

class Gen:
    @property
    def items(self):
        yield 1
        yield 2

def read_items(g):
    return list(g.items)

for _ in range(5):
    r = read_items(Gen())
print(r)

class Deep:
    def __init__(self, n):
        self.n = n

    @property
    def depth(self):
        if self.n == 0:
            return 0
        return Deep(self.n - 1).depth + 1

print(Deep(50).depth)

# A property read in the module's own frame, as the deepest thing on its
# stack.
class Tiny:
    @property
    def one(self):
        return 1

t = Tiny()
total = 0
for _ in range(20):
    total = t.one
print(total)
