# asyncio's native Future and Task (the `_asyncio` module): the protocol
# asyncio relies on, the error messages, cancellation, callbacks, and
# future-like objects that are not native futures.
import asyncio
import gc
import re
import _asyncio

print(asyncio.Future is _asyncio.Future, asyncio.Task is _asyncio.Task)
print(issubclass(asyncio.Task, asyncio.Future), asyncio.Future.__module__)
print(asyncio.futures._CFuture is _asyncio.Future, asyncio.tasks._CTask is _asyncio.Task)
print(asyncio.Future[int])


def show(label, f):
    try:
        print(label, f())
    except BaseException as e:
        print(label, type(e).__name__, e)


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)

# --- a future's states and properties
fut = asyncio.Future()
print(fut._state, fut.done(), fut.cancelled(), fut._callbacks, fut._result)
show("result pending:", fut.result)
show("exception pending:", fut.exception)
print(fut.get_loop() is loop, fut._loop is loop, fut._asyncio_future_blocking)
fut._asyncio_future_blocking = 1
print(fut._asyncio_future_blocking)
fut._asyncio_future_blocking = False
show("del blocking:", lambda: delattr(fut, "_asyncio_future_blocking"))
show("log_traceback True:", lambda: setattr(fut, "_log_traceback", True))
fut._log_traceback = False
fut.set_result([1, 2])
print(fut._state, fut.result(), fut.exception(), repr(fut))
show("set twice:", lambda: fut.set_result(3))

# an uninitialized future
raw = asyncio.Future.__new__(asyncio.Future)
show("raw get_loop:", raw.get_loop)
show("raw result:", raw.result)
print("raw done:", raw.done(), raw.cancelled(), raw._loop)

# --- exceptions
f2 = asyncio.Future()
show("StopIteration:", lambda: f2.set_exception(StopIteration()))
show("not an exception:", lambda: f2.set_exception(42))
f2.set_exception(ValueError)
print(f2._state, repr(f2.exception()), repr(f2))
show("raise stored:", f2.result)

# --- callbacks
order = []
f3 = asyncio.Future()


def cb1(f):
    order.append(("cb1", f.result()))


def cb2(f):
    order.append(("cb2", f.result()))


f3.add_done_callback(cb1)
f3.add_done_callback(cb2)
f3.add_done_callback(cb1)
print("callbacks:", [c[0].__name__ for c in f3._callbacks])
print("removed:", f3.remove_done_callback(cb1), len(f3._callbacks))
f3.set_result("x")
loop.run_until_complete(asyncio.sleep(0))
print(order)
f3.add_done_callback(cb1)  # already done: scheduled right away
loop.run_until_complete(asyncio.sleep(0))
print(order)

# --- cancellation
f4 = asyncio.Future()
print(f4.cancel("stop"), f4.cancel(), f4.cancelled(), f4._state)
show("cancelled result:", f4.result)
show("cancelled exception:", f4.exception)

# --- iteration protocol of `await fut`
f5 = asyncio.Future()
it = f5.__await__()
print(next(it) is f5, f5._asyncio_future_blocking)
show("twice:", lambda: next(it))
f6 = asyncio.Future()
f6.set_result(7)
try:
    next(iter(f6))
except StopIteration as e:
    print("StopIteration value", e.value)
it = iter(asyncio.Future())
show("throw class+instance:", lambda: it.throw(Exception("a"), Exception("b")))
show("throw bad tb:", lambda: it.throw(Exception, Exception("x"), 32))
show("throw class:", lambda: it.throw(ValueError, None, None))
show("throw list:", lambda: it.throw(list))


# --- tasks
async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    t = asyncio.ensure_future(double(21))
    print(type(t).__name__, t.get_name().startswith("Task-"), t.done())
    print(await t, t.result(), t._state, t._coro is not None, t._fut_waiter)
    t2 = asyncio.create_task(double(1), name=12)
    print(repr(t2.get_name()))
    t2.set_name("renamed")
    print(t2.get_name(), await t2)
    show("task set_result:", lambda: t2.set_result(1))
    show("task set_exception:", lambda: t2.set_exception(ValueError()))

    # cancel while waiting on a future, with a message
    waiter = loop.create_future()

    async def wait_on():
        return await waiter

    t3 = asyncio.create_task(wait_on())
    await asyncio.sleep(0)
    print("waiting on:", t3._fut_waiter is waiter)
    print("cancel:", t3.cancel("enough"), t3.cancelling(), t3.uncancel(), t3.cancelling())
    try:
        await t3
    except asyncio.CancelledError as e:
        print("cancelled:", e.args, t3.cancelled(), waiter.cancelled())

    # a coroutine that catches the cancellation and finishes
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "survived"

    t4 = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t4.cancel()
    print(await t4, t4.cancelled())

    # an exception in the coroutine
    async def fails():
        await asyncio.sleep(0)
        raise KeyError("k")

    t5 = asyncio.create_task(fails())
    try:
        await t5
    except KeyError as e:
        print("task raised:", repr(e), repr(t5.exception()))

    # mistakes a task reports into its coroutine
    async def bare_yield_of(value):
        @asyncio.coroutines.types.coroutine
        def gen():
            yield value

        try:
            await gen()
        except RuntimeError as e:
            return re.sub(r"<.*>", "<...>", str(e))

    print(await asyncio.create_task(bare_yield_of(123)))
    f = loop.create_future()
    print(await asyncio.create_task(bare_yield_of(f)))
    other = asyncio.new_event_loop()
    g = other.create_future()
    g._asyncio_future_blocking = True
    print(await asyncio.create_task(bare_yield_of(g)))
    other.close()

    async def await_self():
        await asyncio.sleep(0)
        try:
            await me
        except RuntimeError as e:
            return re.sub(r"<.*>", "<...>", str(e))

    me = asyncio.create_task(await_self())
    print(await me)

    # a task over an object that is only coroutine-like
    class CoroLike:
        def send(self, v):
            raise StopIteration(42)

        def throw(self, *exc):
            pass

        def close(self):
            pass

        def __await__(self):
            return self

    asyncio.coroutines._iscoroutine_typecache.add(CoroLike)
    print("coro-like:", await asyncio.Task(CoroLike()))
    show("not a coroutine:", lambda: asyncio.Task(42))

    # a future-like object that is not a native future
    class MyFuture(asyncio.futures._PyFuture):
        pass

    async def wait_py():
        return await pyfut

    pyfut = MyFuture()
    t6 = asyncio.create_task(wait_py())
    await asyncio.sleep(0)
    pyfut.set_result("py")
    print(await t6)

    # subclasses of the native types
    class MyTask(asyncio.Task):
        def __init__(self, coro, **kw):
            super().__init__(coro, **kw)
            self.extra = "extra"

    t7 = MyTask(double(5))
    print(type(t7).__name__, t7.extra, await t7, isinstance(t7, asyncio.Future))
    print(asyncio.current_task() is not None, asyncio.current_task() in asyncio.all_tasks())


loop.run_until_complete(main())

# --- an exception never retrieved is reported when the future goes
reported = []
loop.set_exception_handler(lambda lp, ctx: reported.append(ctx["message"]))
f7 = asyncio.Future()
f7.set_exception(RuntimeError("lost"))
del f7
gc.collect()
print(reported)

# --- a pending task only its future's callback holds is collected
async def kill_me():
    await loop.create_future()


t8 = loop.create_task(kill_me())
loop._run_once()
print(len(asyncio.all_tasks(loop)))
t8 = None
gc.collect()
print(len(asyncio.all_tasks(loop)), reported[-1])

# --- the running loop
print(asyncio._get_running_loop())
show("get_running_loop:", asyncio.get_running_loop)
loop.close()
asyncio.set_event_loop(None)
print("done")
