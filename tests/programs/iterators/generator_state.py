def gen():
    print("start")
    x = yield 1
    print("got", x)
    y = yield 2
    print("got", y)
    return "end"
g = gen()
print(type(g).__name__, g.__name__)
print(next(g))
print(g.send("a"))
try:
    g.send("b")
except StopIteration as e:
    print("stop", e.value)
try:
    next(g)
except StopIteration as e:
    print("again", e.value)
def infinite():
    i = 0
    while True:
        yield i
        i += 1
g2 = infinite()
print([next(g2) for _ in range(3)], next(g2))
g2.close()
print(next(g2, "closed"))
def bad():
    yield 1
    raise StopIteration("inside")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)
def with_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup")
g3 = with_finally()
for v in g3:
    print(v)
    break
g3.close()
print("after close")
