# sys.set_asyncgen_hooks / get_asyncgen_hooks, the hooks' calls (firstiter
# at the first step, the finalizer when an unfinished generator is
# freed), aiter/anext with and without a default, and coroutine_wrapper's
# send/throw/close; driven by hand, without an event loop.
import gc
import sys


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def agen(n):
    try:
        for i in range(n):
            yield i
    finally:
        print("agen finally")


print(sys.get_asyncgen_hooks())
events = []
finalized = []


def firstiter(g):
    events.append(("firstiter", g.__name__))


def finalizer(g):
    finalized.append(g)
    events.append(("finalizer", g.__name__))


old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
h = sys.get_asyncgen_hooks()
print(h.firstiter is firstiter, h.finalizer is finalizer, len(h), type(h).__name__)

g = agen(3)
print(events)
print(run(g.__anext__()))
print(run(anext(g)))
print(events)
del g
gc.collect()
print(events)
# The finalizer got the generator; closing it runs its finally.
print(run(finalized.pop().aclose()))

g2 = agen(1)
print(run(g2.__anext__()))
try:
    run(g2.__anext__())
except StopAsyncIteration:
    print("exhausted")
del g2
print(len(events))

sys.set_asyncgen_hooks(*old)
print(sys.get_asyncgen_hooks())
for bad in ({"firstiter": 1}, {"finalizer": "x"}):
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError:", e)


class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def main():
    it = aiter(Counter(2))
    print(await anext(it), await anext(it), await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    a = agen(1)
    print(await anext(a, "x"), await anext(a, "x"))
    return "main done"


print(run(main()))
for bad in (1, [1]):
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    anext([1])
except TypeError as e:
    print("TypeError:", e)


async def inner():
    x = yield_value = 0
    return x


class Awaitable:
    def __await__(self):
        v = yield "step"
        return v * 2


async def outer():
    return await Awaitable()


w = outer().__await__()
print(type(w).__name__, w.send(None))
try:
    w.send(21)
except StopIteration as e:
    print("result", e.value)
w = outer().__await__()
print(next(w))
try:
    w.throw(ValueError("thrown"))
except ValueError as e:
    print("ValueError", e)
w = outer().__await__()
next(w)
print(w.close())
