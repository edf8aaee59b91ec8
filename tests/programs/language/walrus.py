# Assignment expressions (PEP 572): in conditions and loops, in
# comprehensions (binding in the enclosing function, its cell, or the
# module), nested comprehensions, with global declarations and closures.
def f(data):
    if (n := len(data)) > 3:
        print("long", n)
    total = [y := x * 2 for x in data]
    print(total, y)
    while (chunk := data[:2]):
        data = data[2:]
        print(chunk)
    return [z for x in range(3) if (z := x * x) > 0], z
print(f([1, 2, 3, 4, 5]))
print((a := 10), a)
vals = [w := i for i in range(4)]
print(w)
def g():
    def inner():
        return [q := k for k in "ab"], q
    return inner()
print(g())
def h():
    global G
    [G := k for k in range(3)]
h()
print(G)
def nested():
    res = [[t := a + b for b in range(2)] for a in range(2)]
    return res, t
print(nested())
def closure():
    [c := i for i in range(5)]
    return lambda: c
print(closure()())
print([(lambda: (m := 5))() for _ in range(1)])
