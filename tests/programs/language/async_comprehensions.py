# Asynchronous comprehensions: `async for` in list, set and dict
# comprehensions and generator expressions (asynchronous generators),
# `await` in a comprehension, nested levels, driven without asyncio.
class AIter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def double(x):
    return 2 * x

async def main():
    print([x async for x in AIter(3)])
    print({x % 2 async for x in AIter(4)})
    print({x: x * x async for x in AIter(3) if x != 2})
    print([await double(x) for x in range(3)])
    print([(x, y) async for x in AIter(2) for y in "ab"])
    print([(x, y) for x in "ab" async for y in AIter(2)])
    print([[y async for y in AIter(x)] for x in range(3)])
    g = (x * 10 async for x in AIter(3))
    print(type(g).__name__)
    print([v async for v in g])
    h = (await double(x) for x in range(2))
    print([v async for v in h])
    return "done"

def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value

print(run(main()))


async def bad():
    return [x async for x in 5]

try:
    bad().send(None)
except TypeError as e:
    print(e)
