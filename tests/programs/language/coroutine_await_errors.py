# await errors CPython checks (a coroutine awaited twice, a bad __anext__
# result), gi/cr frame attributes, and the stack seen from inside a throw
# that passes through awaits.
import traceback, types
async def a():
    return await b()
async def b():
    return await c()
@types.coroutine
def c():
    try:
        yield len(traceback.extract_stack())
    except ZeroDivisionError:
        yield [f.name for f in traceback.extract_stack()]
coro = a()
print(coro.send(None))
print(coro.throw(ZeroDivisionError))
coro.close()
print(coro.cr_frame)
async def nop2():
    await types.coroutine(lambda: (yield))()
async def w(x):
    await x
co = nop2(); co.send(None)
try:
    w(co).send(None)
except RuntimeError as e: print(e)
co.close()
class F:
    def __aiter__(self): return self
    def __anext__(self): return self
    def __await__(self): 1/0
async def m():
    async for _ in F(): pass
try:
    m().send(None)
except TypeError as e: print(e, type(e.__cause__).__name__)
