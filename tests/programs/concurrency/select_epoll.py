"""select.epoll as CPython makes it: register/modify/unregister, poll with a
timeout and maxevents, errors, close and the context manager, a wait that
a handled signal does not cut short (PEP 475); selectors and asyncio use
it by default."""

import select, socket, selectors, asyncio, os, signal, time
ep = select.epoll()
a, b = socket.socketpair()
ep.register(a.fileno(), select.EPOLLIN)
print(ep.poll(0))
b.send(b"x")
print([(fd == a.fileno(), ev) for fd, ev in ep.poll(1)])
ep.modify(a, select.EPOLLOUT)
print([(fd == a.fileno(), ev) for fd, ev in ep.poll(0.1, 1)])
ep.unregister(a)
try: ep.register(a.fileno()); ep.register(a.fileno())
except FileExistsError as e: print("FileExistsError", e.errno)
try: ep.poll(maxevents=0)
except ValueError as e: print(e)
print(ep.closed, type(ep.fileno()))
with select.epoll() as e2: print(e2.closed)
print(e2.closed)
try: e2.fileno()
except ValueError as e: print(e)
ep.close(); print(ep.closed)
print(type(selectors.DefaultSelector()).__name__)
hits = []
signal.signal(signal.SIGALRM, lambda *x: hits.append(1))
signal.setitimer(signal.ITIMER_REAL, 0.05)
e3 = select.epoll(); t = time.monotonic(); print(e3.poll(0.3), hits, time.monotonic() - t >= 0.29)
async def main():
    async def handle(r, w):
        w.write(await r.readline()); await w.drain(); w.close()
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    r, w = await asyncio.open_connection(*srv.sockets[0].getsockname())
    w.write(b"ping\n"); await w.drain(); print(await r.readline()); w.close()
    srv.close(); await srv.wait_closed()
    print(type(asyncio.get_running_loop()._selector).__name__)
asyncio.run(main())
