"""Closures compiled: functions with cell variables (a parameter made a
cell, locals captured by inner functions, `nonlocal` counters) and with
free variables, hot enough for the JIT, including a cell deleted and
read again, late binding in a loop, `super()` through the `__class__`
cell, and decorators."""


def counter(start):
    # `start` is a parameter the inner function captures: a cell.
    def bump(by):
        nonlocal start
        start += by
        return start

    return bump


def make_adders(n):
    adders = []
    for i in range(n):
        adders.append(lambda x, i=i: x + i)
    late = [lambda x: x + i for i in range(3)]
    return adders, late


def accumulate(values):
    total = 0
    seen = []

    def add(v):
        nonlocal total
        total += v
        seen.append(v)

    for v in values:
        add(v)
        if total > 1000:
            total -= 1000
    return total, len(seen)


def deleted_cell(flag):
    x = 1

    def read():
        return x

    if flag:
        del x
    try:
        return read()
    except NameError as e:
        return str(e)


def memoize(f):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]

    return wrapper


@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Base:
    def __init__(self, x):
        self.x = x

    def describe(self):
        return f"Base({self.x})"


class Child(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y

    def describe(self):
        return "Child:" + super().describe() + f"+{self.y}"


def nested_levels(n):
    a = n

    def level1():
        b = a * 2

        def level2():
            return a + b

        return level2()

    return sum(level1() for _ in range(3))


bump = counter(10)
for i in range(500):
    last = bump(i % 7)
print(last)

adders, late = make_adders(300)
print(sum(f(1) for f in adders), [f(0) for f in late])
print(accumulate(range(2000)))
for flag in (False, True):
    for _ in range(150):
        r = deleted_cell(flag)
    print(r)
print(fib(90))
print([Child(i, -i).describe() for i in range(300)][-1])
print(sum(nested_levels(i) for i in range(400)))
