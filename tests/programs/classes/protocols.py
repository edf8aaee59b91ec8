# Container, iteration, truth, call and representation protocols.
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}

    def __getitem__(self, key):
        x, y = key
        return self.cells.get(key, ".")

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __delitem__(self, key):
        del self.cells[key]

    def __len__(self):
        return self.w * self.h

    def __contains__(self, key):
        return key in self.cells

    def __str__(self):
        rows = []
        for y in range(self.h):
            row = ""
            for x in range(self.w):
                row += self[x, y]
            rows.append(row)
        return "\n".join(rows)


g = Grid(4, 3)
g[1, 1] = "#"
g[2, 0] = "@"
print(g)
print(len(g), (1, 1) in g, (0, 0) in g, (0, 0) not in g)
del g[1, 1]
print(g[1, 1], (1, 1) in g)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        n = self.n
        items = []
        while n > 0:
            items.append(n)
            n -= 1
        return iter(items)


print(list(Countdown(4)), tuple(Countdown(2)), sorted(Countdown(3)))
total = 0
for k in Countdown(10):
    total += k
print(total, max(Countdown(5)), min(Countdown(5)), 3 in Countdown(5), 9 in Countdown(5))
a, b, c = Countdown(3)
print(a, b, c)


class Fib:
    def __init__(self, limit):
        self.a, self.b, self.limit = 0, 1, limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        r = self.a
        self.a, self.b = self.b, self.a + self.b
        return r


print(list(Fib(100)))
it = iter(Fib(3))
print(next(it), next(it), next(it), next(it), next(it), next(it, "done"))


class Empty:
    def __len__(self):
        return 0


class Falsy:
    def __bool__(self):
        return False


class Plain:
    pass


for obj in (Empty(), Falsy(), Plain()):
    if obj:
        print(type(obj).__name__, "is true")
    else:
        print(type(obj).__name__, "is false")
print(bool(Empty()), not Falsy(), Plain() and 1, Falsy() or "fallback")


class Adder:
    def __init__(self, n):
        self.n = n

    def __call__(self, x, y=0):
        return x + y + self.n


add5 = Adder(5)
print(add5(1), add5(1, y=2), callable(add5), callable(Plain()), callable(len))


class Temp:
    def __init__(self, c):
        self.c = c

    def __repr__(self):
        return "Temp(" + repr(self.c) + ")"

    def __str__(self):
        return str(self.c) + " C"


t = Temp(21.5)
print(t, str(t), repr(t), [t], (t,), {"t": t})


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
print(len(Plain()))
