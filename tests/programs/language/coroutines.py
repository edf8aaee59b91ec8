import sys
class Sleep:
    def __init__(self, n): self.n = n
    def __await__(self):
        got = yield ("sleep", self.n)
        return got

class Lock:
    async def __aenter__(self):
        print("enter")
        await Sleep(0)
        return self
    async def __aexit__(self, t, e, tb):
        print("exit", t.__name__ if t else None)
        await Sleep(0)
        return t is KeyError

class Ticker:
    def __init__(self, n): self.i = 0; self.n = n
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Sleep(self.i)
        return self.i

async def work(name, n):
    total = 0
    async for t in Ticker(n):
        total += t
    else:
        print(name, "loop done")
    async with Lock() as l:
        print("inside", type(l).__name__)
    async with Lock():
        raise KeyError("suppressed")
    try:
        async with Lock():
            raise ValueError("propagates")
    except ValueError as e:
        print("caught", e)
    for i in range(3):
        async with Lock():
            if i == 1:
                break
    r = await Sleep(5)
    return total, r

def run(coros):
    # A round-robin event loop: what the awaited objects yield is ignored,
    # each send gets a counter back.
    results = {}
    tick = 0
    while coros:
        for c in list(coros):
            try:
                c.send(tick if tick else None)
            except StopIteration as e:
                results[coros.pop(coros.index(c)).__qualname__] = e.value
        tick += 1
    return results

print(run([work("a", 3), work("b", 2)]))

async def inner():
    return 42
async def outer():
    c = inner()
    print(type(c).__name__, repr(c).split(" at ")[0])
    return await c
c = outer()
try:
    c.send(None)
except StopIteration as e:
    print("outer ->", e.value)

# coroutines are not iterable
c = inner()
for bad in (lambda: iter(c), lambda: next(c)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
c.close()

# __await__ of a coroutine, and an awaitable delegating to it
class Wrap:
    def __init__(self, coro): self.coro = coro
    def __await__(self): return self.coro.__await__()
async def use():
    return await Wrap(inner())
try:
    use().send(None)
except StopIteration as e:
    print("wrapped ->", e.value)
ci = inner()
w = ci.__await__()
print(type(w).__name__)
ci.close()

# throw into a suspended coroutine
async def catcher():
    try:
        await Sleep(1)
    except ValueError as e:
        return f"caught {e}"
c = catcher()
print(c.send(None))
try:
    c.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)

# errors
async def errs():
    for thing in [3, Lock(), Ticker(1)]:
        try:
            await thing
        except TypeError as e:
            print("TypeError:", e)
    try:
        async for x in 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError:", e)
try:
    errs().send(None)
except StopIteration:
    pass


# __anext__ may return any awaitable, not only a coroutine.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    def __anext__(self):
        return Step(self)


class Step:
    def __init__(self, it):
        self.it = it

    def __await__(self):
        if self.it.n == 0:
            raise StopAsyncIteration
        yield "tick"
        self.it.n -= 1
        return self.it.n


async def count():
    seen = []
    async for v in Countdown(3):
        seen.append(v)
    return seen


c = count()
steps = 0
try:
    while True:
        c.send(None)
        steps += 1
except StopIteration as e:
    print("countdown", e.value, "after", steps, "suspensions")
