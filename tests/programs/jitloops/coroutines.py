"""Coroutines compiled: `await` is SEND plus YIELD_VALUE as in `yield
from`; coroutines driven by hand with send and throw, awaiting each
other and a custom awaitable, an exception raised through an await and
caught, and hot coroutines under asyncio.gather."""

import asyncio


class Ticket:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        got = yield ("ticket", self.n)
        return got * 2


async def leaf(n):
    v = await Ticket(n)
    if v < 0:
        raise ValueError(v)
    return v + 1


async def middle(n):
    total = 0
    for i in range(n):
        try:
            total += await leaf(i - 1)
        except ValueError as e:
            total -= 100 + e.args[0]
    return total


def drive(coro):
    seen = []
    try:
        request = coro.send(None)
        while True:
            seen.append(request)
            request = coro.send(request[1])
    except StopIteration as e:
        return len(seen), e.value


for _ in range(200):
    r = drive(middle(6))
print(r)

for _ in range(100):
    c = middle(3)
    first = c.send(None)
    try:
        c.throw(KeyError("in"))
    except KeyError as e:
        thrown = repr(e)
print(first, thrown)


async def worker(i, out):
    for k in range(50):
        await asyncio.sleep(0)
        out.append(i * k)
    return i


async def main():
    out = []
    done = await asyncio.gather(*(worker(i, out) for i in range(10)))
    return done, len(out), sum(out)


print(asyncio.run(main()))
