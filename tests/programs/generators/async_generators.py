import types

class Sleep:
    def __init__(self, v): self.v = v
    def __await__(self):
        r = yield ("sleep", self.v)
        return r

async def agen(n):
    for i in range(n):
        got = await Sleep(i)
        yield (i, got)
    print("agen done")

def run(coro):
    """A tiny event loop: answers each ("sleep", v) with v * 10."""
    value = None
    while True:
        try:
            req = coro.send(value)
        except StopIteration as e:
            return e.value
        value = req[1] * 10

async def main():
    out = []
    async for item in agen(3):
        out.append(item)
    print(out)
    g = agen(2)
    print(type(g).__name__, type(g.__anext__()).__name__, type(g.aclose()).__name__)
    print(await g.__anext__())
    print(await g.asend(None))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("stop")
    g2 = agen(5)
    print(await g2.__anext__())
    await g2.aclose()
    try:
        await g2.__anext__()
    except StopAsyncIteration:
        print("closed stop")
    async def catcher():
        try:
            yield 1
        except ValueError as e:
            print("caught", repr(e))
            yield 2
    c = catcher()
    print(await c.__anext__())
    print(await c.athrow(ValueError("boom")))
    async def ignorer():
        try:
            yield 1
        finally:
            yield 2
    ig = ignorer()
    await ig.__anext__()
    try:
        await ig.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    async def bad():
        raise StopAsyncIteration
        yield
    try:
        await bad().__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e)
    return "done"

print(run(main()))
async def ag(): yield
a = ag()
print(type(a), a.__name__, a.__qualname__, a.ag_running)
try:
    iter(a)
except TypeError as e:
    print(e)
print(isinstance(a, types.AsyncGeneratorType))
