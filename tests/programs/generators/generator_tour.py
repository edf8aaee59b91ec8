# Generators: yield, send, throw, close, yield from, generator expressions, PEP 479; the last one raises inside a generator.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

print(list(count(4)), sum(count(5)))
g = count(2)
print(next(g), next(g), next(g, "end"))
for v in count(3):
    print("v", v)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])

def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print("returned", s.value if False else s.args)

def delegate():
    r = yield from count(3)
    print("inner returned", r)
    yield from [10, 20]
    yield from (c * 2 for c in "xy")
print(list(delegate()))

print(sum(x * x for x in range(10)), list(x for x in "abc" if x != "b"))
print(max((len(w), w) for w in ["aa", "b", "cccc"]))

def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
w = with_finally()
print(next(w))
w.close()
print("closed")

def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as err:
            print("caught in gen", err)
c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(c.throw(ValueError, "second"))

def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as err:
    print("pep479", err)

def pipeline(nums):
    evens = (n for n in nums if n % 2 == 0)
    squares = (n * n for n in evens)
    return list(squares)
print(pipeline(range(10)))

class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t))
gen = count(1)
print(type(gen).__name__, iter(gen) is gen)
print(next(gen), next(gen, None))
def gen_error():
    yield 1
    1 / 0
for x in gen_error():
    print("got", x)
