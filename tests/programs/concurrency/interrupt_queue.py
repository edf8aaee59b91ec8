"""interrupt_main as CPython delivers it (after the call that waited
returns, not inside the next one; nothing for SIG_DFL/SIG_IGN), many
threads on one SimpleQueue, and one traceback object per frame entry."""

import _thread
import queue
import signal
import sys
import threading

# interrupt_main from another thread: the KeyboardInterrupt arrives after
# start()/join() and leaves the thread's Condition consistent.
for _ in range(20):
    t = threading.Thread(target=_thread.interrupt_main)
    try:
        t.start()
        t.join()
        print("no interrupt")
    except KeyboardInterrupt:
        pass
    t.join()
print("interrupted 20 times")

# Not Python's signal: nothing happens.
for signum in (signal.SIGINT, signal.SIGTERM):
    old = signal.getsignal(signum)
    signal.signal(signum, signal.SIG_IGN)
    _thread.interrupt_main(signum)
    signal.signal(signum, signal.SIG_DFL)
    _thread.interrupt_main(signum)
    signal.signal(signum, old)
print("ignored and default: no effect")


def handler(signum, frame):
    raise ZeroDivisionError(signum)


old = signal.signal(signal.SIGTERM, handler)
try:
    _thread.interrupt_main(signal.SIGTERM)
except ZeroDivisionError as e:
    print("handler ran:", e.args[0] == signal.SIGTERM)
signal.signal(signal.SIGTERM, old)

# Many producers and consumers on one SimpleQueue: every item arrives
# once, and every consumer gets its sentinel.
q = queue.SimpleQueue()
N = 20
items = list(range(4000))
todo = list(reversed(items))
got = []


def feed():
    while True:
        try:
            v = todo.pop()
        except IndexError:
            q.put(None)
            return
        q.put(v)


def consume():
    while True:
        v = q.get()
        if v is None:
            return
        got.append(v)


threads = [threading.Thread(target=feed) for _ in range(N)]
threads += [threading.Thread(target=consume) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("queue:", sorted(got) == items, q.qsize())
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("empty after timeout")

# One traceback object per entry, while it lives.
def fail():
    raise ValueError("x")


try:
    fail()
except ValueError as e:
    tb = sys.exc_info()[2]
    print(tb is e.__traceback__, tb.tb_next is e.__traceback__.tb_next)
    print(tb.tb_next.tb_frame.f_code.co_name, tb.tb_next.tb_next)
