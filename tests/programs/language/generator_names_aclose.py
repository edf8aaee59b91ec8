# Generators' __name__/__qualname__ can be set (repr follows); aclose() of
# an exhausted async generator, awaited, just returns.
async def gen():
    yield 123
g = gen()
print(g.__name__, g.__qualname__)
g.__name__ = '123'; g.__qualname__ = 'q.r'
print(g.__name__, g.__qualname__, repr(g).split(' at ')[0])
try:
    g.__name__ = 5
except TypeError as e: print(e)
def pl(): yield
p = pl(); p.__qualname__ = "other"; print(repr(p).split(' at ')[0])
print(g.ag_await, type(g.ag_frame).__name__, g.ag_running)
async def async_iterate():
    yield 1
    yield 2
async def run():
    it = async_iterate()
    async for _ in it:
        pass
    await it.aclose()
    await it.aclose()
    print("ok")
c = run()
try:
    c.send(None)
except StopIteration:
    print("done")
async def g():
    yield 1
async def run2():
    it = g()
    a = it.aclose(); b = it.aclose()
    await a
    await b
    print("ok2")
try:
    run2().send(None)
except StopIteration:
    print("done2")
