"""Generators compiled: a yield leaves compiled code with the stack in
the frame and the next resume enters after it (the value sent on the
stack); send, throw and close, exceptions caught inside the generator,
`return` values, generator expressions, suspended frames' line numbers,
and generators suspended in the interpreter before their code was
compiled, resumed in compiled code."""

import itertools


def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i * 3
    return "done"


def running_total():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total


def guarded(n):
    got = []
    for i in range(n):
        try:
            v = yield i
            got.append(v)
        except KeyError as e:
            got.append(("caught", e.args[0]))
        finally:
            got.append("f")
    yield got


def with_cleanup(log):
    try:
        for i in itertools.count():
            yield i
    finally:
        log.append("closed")


def nested(depth):
    if depth == 0:
        yield 0
        return
    for v in nested(depth - 1):
        yield v + 1
    yield -depth


def mid_expression(n):
    for i in range(n):
        # The yield sits inside an expression: [i, <yield>] on the stack.
        pair = [i, (yield i), i * 2]
        if pair[1] is not None:
            yield pair


def stopped_value():
    g = evens(5)
    out = []
    while True:
        try:
            out.append(next(g))
        except StopIteration as e:
            return out, e.value


total = 0
for _ in range(300):
    total += sum(evens(20))
print(total, stopped_value())

acc = running_total()
next(acc)
for i in range(500):
    acc.send(i)
try:
    acc.send(None)
except StopIteration as e:
    print("total", e.value)

for _ in range(200):
    g = guarded(3)
    a = next(g)
    b = g.send("x")
    c = g.throw(KeyError("k"))
    rest = list(g)
print(a, b, c, rest)

log = []
for _ in range(200):
    g = with_cleanup(log)
    firsts = [next(g) for _ in range(5)]
    g.close()
print(firsts, len(log), log[-1])

for _ in range(100):
    r = list(nested(6))
print(r)

for _ in range(200):
    g = mid_expression(4)
    seen = [next(g)]
    seen.append(g.send("s"))
    seen.append(next(g))
print(seen)

# Suspended before the code is hot, resumed after it was compiled.
early = [evens(50) for _ in range(5)]
for g in early:
    next(g)
for _ in range(400):
    sum(evens(10))
print([sum(g) for g in early])

g = evens(10)
next(g)
print(g.gi_frame.f_lineno, g.gi_running, sum(x * x for x in range(1000)))
print(list(itertools.islice((y for y in evens(1000) if y % 4), 5)))


# `yield from`: SEND in compiled code, values sent through, the
# delegate's return value, a list delegate, an exception from the
# delegate caught around the delegation, and throw/close through it.
def delegate(n):
    got = []
    for i in range(n):
        x = yield i
        got.append(x)
    return got


def delegating(n):
    r = yield from delegate(n)
    yield from [len(r), "list"]
    try:
        yield from failing()
    except ZeroDivisionError as e:
        yield ("caught", str(e))
    return "end"


def failing():
    yield "before"
    1 / 0


for _ in range(200):
    g = delegating(3)
    out = [next(g)]
    try:
        for k in range(3):
            out.append(g.send(k * 10))
        while True:
            out.append(next(g))
    except StopIteration as e:
        out.append(e.value)
print(out)

for _ in range(200):
    g = delegating(5)
    next(g)
    try:
        g.throw(KeyError("t"))
    except KeyError as e:
        thrown = repr(e)
    g2 = delegating(5)
    next(g2)
    g2.close()
print(thrown, g.gi_frame, g2.gi_frame)
