"""An asyncio echo server and N concurrent clients on the loopback
(argument: N), each sending 50 lines and reading each echo back: the
event loop, streams and the selector under many connections."""

import asyncio
import sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100
LINES = 50


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = 0
    for k in range(LINES):
        writer.write(b"client %d line %d\n" % (i, k))
        await writer.drain()
        got += len(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return got


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    totals = await asyncio.gather(*(client(port, i) for i in range(N)))
    server.close()
    await server.wait_closed()
    print(N, sum(totals))


asyncio.run(main())
