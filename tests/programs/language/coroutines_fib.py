# The classic coroutine benchmark's shape: recursive awaits driven by send.


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


print([run(fibonacci(i)) for i in range(15)])


# A coroutine's finally runs when it is closed while suspended.
class Pause:
    def __await__(self):
        yield "paused"


async def guarded():
    try:
        await Pause()
        print("not reached")
    finally:
        print("cleanup")


c = guarded()
print(c.send(None))
c.close()
print(c.send.__name__, type(c).__name__)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# Exceptions propagate through awaits with the awaiting frames in the
# traceback.
async def fails():
    raise ValueError("deep")


async def middle():
    return await fails()


try:
    run(middle())
except ValueError as e:
    print("ValueError", e)


# A finished coroutine cannot be awaited again.
async def once():
    return 1


async def twice():
    c = once()
    a = await c
    try:
        await c
    except RuntimeError as e:
        return a, str(e)


print(run(twice()))
