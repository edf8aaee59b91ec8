# CALL of a bound method object (`f = obj.method; f(x)`, callbacks,
# classmethods looked up on the class) specialised after warming up,
# and the other callables that later reach the same call site.

class Counter:
    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k
        return self.n

    def add_default(self, k=10):
        self.n += k
        return self.n

    @classmethod
    def make(cls):
        return cls()

    def items(self, k):
        for i in range(k):
            yield i * self.n

def call_with(f, x):
    return f(x)

def call0(f):
    return f()

c = Counter()
add = c.add
for i in range(10):
    call_with(add, i)
print(c.n, call_with(add, 5))

print(call_with(c.add_default, 1), call0(c.add_default))
print(call_with(lambda x: ("lambda", x), 3), call_with(len, [1, 2]), call_with([].append, 1))
print(call_with(Counter().add, 7), call_with(str.upper, "abc"))
other = Counter()
print(call_with(other.add, 2), call_with(other.add, 2), c.n)

make = Counter.make
for _ in range(5):
    made = call0(make)
print(type(made).__name__, made.n)

class Sub(Counter):
    pass

print(type(call0(Sub.make)).__name__)
print(list(call_with(c.items, 3)))

def recurse(f, n):
    return f(n)

class R:
    def down(self, n):
        if n == 0:
            return "bottom"
        return recurse(self.down, n - 1)

print(R().down(100))

class Deep:
    def go(self, n):
        return call_with(self.go, n + 1)

try:
    Deep().go(0)
except RecursionError as e:
    print("RecursionError", e)

try:
    call_with(c.add, None)
except TypeError as e:
    print("TypeError", e)
try:
    call0(c.add)
except TypeError as e:
    print("TypeError", e)
