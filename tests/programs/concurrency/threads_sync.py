"""Threads on OS threads under the interpreter lock: threading.Thread,
Lock/RLock/Condition/Semaphore/Event/Barrier, threading.local, queue,
concurrent.futures, _thread directly, exceptions in threads, join with a
timeout, switch interval. Output is deterministic: results are sorted or
checked, never printed in the order threads happen to run."""
import _thread
import sys
import threading
import time
import queue
from concurrent.futures import ThreadPoolExecutor, as_completed

# A counter and a list shared by many threads, under a lock.
lock = threading.Lock()
counter = 0
seen = []


def add(n):
    global counter
    for i in range(2000):
        with lock:
            counter += 1
    with lock:
        seen.append(n)


threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter, sorted(seen))
print("alive after join", [t.is_alive() for t in threads].count(True))

# RLock: reentrant, owned by one thread.
r = threading.RLock()
with r:
    with r:
        print("rlock owned", r._is_owned())
print("rlock released", r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError", e)


def release_other():
    try:
        r.release()
    except RuntimeError as e:
        out.append(str(e))


out = []
r.acquire()
t = threading.Thread(target=release_other)
t.start()
t.join()
r.release()
print("other thread", out)

# Plain locks: timeouts, non-blocking, released by another thread.
lk = _thread.allocate_lock()
print(lk.acquire(), lk.acquire(False), lk.acquire(timeout=0.01), lk.locked())
threading.Timer(0.02, lk.release).start()
print("released by a timer", lk.acquire(timeout=10))
lk.release()
for bad in [dict(blocking=False, timeout=1), dict(timeout=-2)]:
    try:
        lk.acquire(**bad)
    except ValueError as e:
        print("ValueError", e)

# Condition: a consumer waits for items a producer adds.
cond = threading.Condition()
items = []
got = []


def consumer():
    with cond:
        while len(got) < 5:
            while not items:
                cond.wait()
            got.append(items.pop(0))


t = threading.Thread(target=consumer)
t.start()
for i in range(5):
    with cond:
        items.append(i)
        cond.notify()
    time.sleep(0.001)
t.join()
print("condition", got)
with cond:
    print("wait timeout", cond.wait(0.01))

# Event, Semaphore, Barrier.
ev = threading.Event()
threading.Thread(target=lambda: (time.sleep(0.01), ev.set())).start()
print("event", ev.wait(10), ev.is_set())
sem = threading.BoundedSemaphore(2)
print("semaphore", sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError", e)
barrier = threading.Barrier(4)
passed = []


def at_barrier(i):
    barrier.wait()
    with lock:
        passed.append(i)


ts = [threading.Thread(target=at_barrier, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier", sorted(passed), barrier.broken)

# threading.local: each thread its own attributes.
local = threading.local()
local.name = "main"
views = []


def look(n):
    views.append((n, getattr(local, "name", None)))
    local.name = n


ts = [threading.Thread(target=look, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("local", sorted(views), local.name)

# queue: producers and a consumer.
q = queue.Queue(maxsize=3)


def produce(base):
    for i in range(10):
        q.put(base + i)


ps = [threading.Thread(target=produce, args=(b,)) for b in (0, 100, 200)]
for p in ps:
    p.start()
total = sum(q.get() for _ in range(30))
for p in ps:
    p.join()
print("queue", total, q.empty())
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("queue.Empty")

# concurrent.futures.
with ThreadPoolExecutor(max_workers=4) as ex:
    print("map", list(ex.map(lambda x: x * x, range(10))))
    futures = [ex.submit(pow, 2, n) for n in range(8)]
    print("as_completed", sorted(f.result() for f in as_completed(futures)))
    bad = ex.submit(lambda: 1 / 0)
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("future raised", type(e).__name__, e)

# An exception in a thread goes to threading.excepthook.
def hook(args):
    print("excepthook", args.exc_type.__name__, args.exc_value, args.thread.name)


threading.excepthook = hook
t = threading.Thread(target=lambda: [][1], name="failing")
t.start()
t.join()
threading.excepthook = threading.__excepthook__

# _thread directly: the identity it returns is get_ident() in the thread.
done = _thread.allocate_lock()
done.acquire()
idents = []


def raw(a, b, c=None):
    idents.append(_thread.get_ident())
    idents.append((a, b, c))
    done.release()


ident = _thread.start_new_thread(raw, (1, 2), {"c": 3})
done.acquire()
print("_thread", idents[0] == ident, idents[1], ident != _thread.get_ident())
for args in [(1, ()), (raw, [1]), (raw, (), 1)]:
    try:
        _thread.start_new_thread(*args)
    except TypeError as e:
        print("TypeError", e)

# join with a timeout, daemon threads, names and counts.
stop = threading.Event()
slow = threading.Thread(target=stop.wait, args=(10,), daemon=True)
slow.start()
slow.join(0.01)
print("still alive", slow.is_alive(), slow.daemon)
stop.set()
slow.join()
print("joined", slow.is_alive(), threading.active_count(), threading.current_thread().name)

# CPU-bound threads take turns without any blocking call.
sys.setswitchinterval(0.001)
print("switch interval", sys.getswitchinterval())
flag = []


def spin():
    n = 0
    while not flag:
        n += 1


t = threading.Thread(target=spin)
t.start()
s = 0
for i in range(100000):
    s += i
flag.append(True)
t.join()
print("spun", s)
