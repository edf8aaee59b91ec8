# throw() and close() reach the iterator a generator or coroutine
# delegates to with `yield from` / `await` (CPython's _gen_throw).
import types

log = []


def inner():
    try:
        x = yield 1
        log.append(("inner got", x))
        yield 2
    except ValueError as e:
        log.append(("inner caught", str(e)))
        yield "recovered"
        return "inner result"
    finally:
        log.append("inner finally")


def outer():
    try:
        r = yield from inner()
        log.append(("outer got", r))
        yield "after"
    finally:
        log.append("outer finally")


# close() closes the inner generator first.
g = outer()
print(next(g))
g.close()
print(log)
log.clear()

# throw() goes to the inner generator, which handles it and yields.
g = outer()
next(g)
print(g.throw(ValueError("boom")))
# The inner one returns: the outer goes on after its `yield from`.
print(next(g))
print(log)
g.close()
log.clear()

# An exception the inner one does not handle comes out of the outer.
def outer2():
    try:
        yield from inner()
    except KeyError as e:
        log.append(("outer caught", repr(e)))
        yield "outer recovered"

g = outer2()
next(g)
print(g.throw(KeyError("k")))
print(log)
log.clear()


# A delegate that is not a generator: its throw/close methods are used.
class Sub:
    def __init__(self, has_methods):
        self.n = 0
        if has_methods:
            self.throw = self._throw
            self.close = self._close

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n

    def _throw(self, exc):
        log.append(("Sub.throw", type(exc).__name__))
        raise StopIteration("sub done")

    def _close(self):
        log.append("Sub.close")


def over(sub):
    try:
        r = yield from sub
        log.append(("over got", r))
        yield "end"
    except Exception as e:
        log.append(("over caught", type(e).__name__))
        yield "caught"

g = over(Sub(True))
next(g)
print(g.throw(RuntimeError))
g = over(Sub(True))
next(g)
g.close()
g = over(Sub(False))
next(g)
print(g.throw(RuntimeError))
print(log)
log.clear()


# A close() of the delegate that raises: that exception is thrown in.
class BadClose(Sub):
    def _close(self):
        raise OSError("close failed")

g = over(BadClose(True))
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close:", e)


# Coroutines: close and throw reach the awaited generator-based coroutine.
N = 0

@types.coroutine
def gen():
    global N
    try:
        a = yield
        yield a * 2
    except ZeroDivisionError:
        N += 100
        raise
    finally:
        N += 1

async def foo():
    await gen()

coro = foo()
aw = coro.__await__()
next(aw)
print(aw.send(10), N)
aw.close()
print(N)
coro = foo()
coro.send(None)
try:
    coro.throw(ZeroDivisionError)
except ZeroDivisionError:
    print("thrown through", N)


@types.coroutine
def nop():
    yield

async def send():
    await nop()
    return "spam"

async def read(coro):
    await nop()
    return await coro

spammer = send()
reader = read(spammer)
reader.send(None)
reader.send(None)
try:
    reader.throw(Exception("ham"))
except Exception as e:
    print("ham:", e)
reader = read(spammer)
reader.send(None)
try:
    reader.send(None)
except RuntimeError as e:
    print(e)


# `yield from` a coroutine is for coroutines only.
async def ten():
    return 10

c = ten()
def plain():
    yield from c
try:
    list(plain())
except TypeError as e:
    print(e)
c.close()
