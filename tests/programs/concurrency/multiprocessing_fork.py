"""multiprocessing with the fork start method: a pool of workers, locks,
semaphores and queues over _multiprocessing.SemLock (issue 15)."""

import _multiprocessing
import multiprocessing as mp


def square(x):
    return x * x


def put_twice(q, x):
    q.put(x)
    q.put(x * 2)


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Pool(3) as pool:
        print(pool.map(square, range(10)))
        print(pool.apply_async(square, (12,)).get(timeout=30))

    lock = ctx.Lock()
    with lock:
        print("locked:", lock._semlock._is_mine(), lock._semlock._count())
    print("released:", lock._semlock._is_mine(), lock.acquire(False), lock.acquire(False))
    lock.release()
    try:
        ctx.Lock().release()
    except ValueError as e:
        print("ValueError:", e)

    rlock = ctx.RLock()
    rlock.acquire()
    rlock.acquire()
    print("rlock count:", rlock._semlock._count())
    rlock.release()
    rlock.release()
    try:
        rlock.release()
    except AssertionError as e:
        print("AssertionError:", e)

    sem = ctx.Semaphore(2)
    print("semaphore:", sem.acquire(), sem.acquire(), sem.acquire(timeout=0.05), sem.get_value())
    bounded = ctx.BoundedSemaphore(1)
    bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError:", e)

    q = ctx.Queue()
    procs = [ctx.Process(target=put_twice, args=(q, i)) for i in range(3)]
    for p in procs:
        p.start()
    got = sorted(q.get(timeout=30) for _ in range(6))
    for p in procs:
        p.join()
    print("queue:", got, [p.exitcode for p in procs])

    ev = ctx.Event()
    print("event:", ev.is_set(), ev.wait(0.01))
    ev.set()
    print("event:", ev.is_set(), ev.wait(0.01))

    print(sorted(_multiprocessing.flags), _multiprocessing.SemLock.SEM_VALUE_MAX > 0)

    import importlib

    # The Rust modules are found by importlib as built-ins.
    print(importlib.import_module("_multiprocessing") is _multiprocessing)
    print(importlib.import_module("select").__name__, importlib.import_module("_queue").__name__)
