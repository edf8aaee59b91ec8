def averager():
    total = count = 0
    avg = None
    while True:
        x = yield avg
        if x is None:
            break
        total += x; count += 1
        avg = total / count
    return (count, avg)
g = averager(); next(g)
print([g.send(v) for v in [10, 20, 60]])
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def delegator():
    result = yield from averager()
    yield f"sub returned {result}"
d = delegator(); next(d)
d.send(4); d.send(8)
print(d.send(None))
def counter():
    n = 0
    try:
        while True:
            cmd = yield n
            if cmd == "reset":
                n = 0
            else:
                n += 1
    finally:
        print("counter closed at", n)
c = counter(); next(c)
print(c.send("inc"), c.send("inc"), c.send("reset"), c.send("inc"))
c.close()
def thrower():
    try:
        yield 1
    except ValueError as e:
        yield f"caught {e}"
t = thrower(); next(t)
print(t.throw(ValueError("boom")))
