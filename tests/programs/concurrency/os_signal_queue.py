"""posix, _signal, resource, time, _queue and faulthandler calls that
subprocess, asyncio, multiprocessing and test runners use (issue 15)."""

import faulthandler
import os
import queue
import resource
import signal
import sys
import tempfile
import threading
import time

# Descriptor modes and pipes.
r, w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
print("pipe2 blocking:", os.get_blocking(r), os.get_blocking(w))
os.set_blocking(r, True)
print("after set_blocking:", os.get_blocking(r))
os.write(w, b"xyz")
print(os.read(r, 3))
os.closerange(r, w + 1)
try:
    os.fstat(r)
except OSError as e:
    print("closed:", type(e).__name__, e.errno)

# System facts (checked, not printed: they vary by machine).
print(os.sysconf("SC_PAGESIZE") == resource.getpagesize())
print(os.sysconf_names["SC_OPEN_MAX"] == os.sysconf_names["SC_OPEN_MAX"])
try:
    os.sysconf("SC_NOT_A_NAME")
except ValueError as e:
    print("ValueError:", e)
cpus = os.sched_getaffinity(0)
print(type(cpus).__name__, len(cpus) >= 1)
t = os.times()
print(type(t).__name__, len(t), t.user >= 0, t.elapsed > 0)
print(os.getpgrp() == os.getpgid(0), os.getsid(0) >= 0)  # 0 outside our PID namespace
print(os.sched_yield())

# Processes: fork, wait4, system.
pid = os.fork()
if pid == 0:
    os._exit(7)
got, status, usage = os.wait4(pid, 0)
print("wait4:", got == pid, os.waitstatus_to_exitcode(status), type(usage).__name__)
print("system:", os.waitstatus_to_exitcode(os.system("exit 3")))

# Resource limits.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print("nofile soft <= hard:", hard == resource.RLIM_INFINITY or soft <= hard)
resource.setrlimit(resource.RLIMIT_CORE, resource.getrlimit(resource.RLIMIT_CORE))
try:
    resource.getrlimit(999)
except ValueError as e:
    print("ValueError:", e)
ru = resource.getrusage(resource.RUSAGE_SELF)
print(type(ru).__name__, ru.ru_utime >= 0, ru.ru_maxrss > 0)

# Clocks.
a = time.process_time()
sum(range(300000))
print("process_time moves:", time.process_time() > a)
print(abs(time.clock_gettime(time.CLOCK_MONOTONIC) - time.monotonic()) < 1.0)
print(time.clock_gettime_ns(time.CLOCK_REALTIME) > 0, time.clock_getres(time.CLOCK_MONOTONIC) > 0)
seen = []
th = threading.Thread(target=lambda: seen.append(time.monotonic()))
before = time.monotonic()
th.start()
th.join()
print("monotonic agrees across threads:", before <= seen[0] <= time.monotonic())

# Signals: timers, per-thread signals, waiting for blocked signals.
hits = []
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))
print(signal.setitimer(signal.ITIMER_REAL, 0.05))
time.sleep(0.3)
print("alarm handled:", hits == [signal.SIGALRM], signal.getitimer(signal.ITIMER_REAL))
try:
    signal.setitimer(12345, 1)
except signal.ItimerError as e:
    print("ItimerError:", e.errno == 22, issubclass(signal.ItimerError, OSError))
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("pending:", signal.SIGUSR1 in signal.sigpending())
info = signal.sigtimedwait([signal.SIGUSR1], 1.0)
print("sigtimedwait:", info.si_signo == signal.SIGUSR1, info.si_pid == os.getpid())
print("timed out:", signal.sigtimedwait([signal.SIGUSR1], 0.01))
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
errors = []


def set_handler():
    try:
        signal.signal(signal.SIGUSR2, signal.SIG_IGN)
    except ValueError as e:
        errors.append(str(e))


th = threading.Thread(target=set_handler)
th.start()
th.join()
print(errors)

# The native SimpleQueue, fed by several threads.
q = queue.SimpleQueue()
print(type(q).__module__, queue.Empty.__module__)


def produce(base):
    for i in range(500):
        q.put(base + i)


producers = [threading.Thread(target=produce, args=(k * 1000,)) for k in range(4)]
for p in producers:
    p.start()
total = sum(q.get(timeout=10) for _ in range(2000))
for p in producers:
    p.join()
print("total:", total, q.empty(), q.qsize())
for call in (lambda: q.get(timeout=0.05), q.get_nowait, lambda: q.get(False)):
    try:
        call()
    except queue.Empty as e:
        print("Empty", repr(e))
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)
q.put_nowait("x")
print(q.get(block=False), queue.SimpleQueue[int])

# faulthandler: enabling, and the calling thread's frames.
print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())


def where():
    with tempfile.TemporaryFile() as f:
        faulthandler.dump_traceback(f)
        f.seek(0)
        lines = f.read().decode().splitlines()
    print(lines[0].split(" 0x")[0], lines[0].endswith("(most recent call first):"))
    for line in lines[1:]:
        print(line.replace(__file__, "FILE"))


where()
print(faulthandler.disable(), faulthandler.is_enabled())
faulthandler.dump_traceback_later(30)
faulthandler.cancel_dump_traceback_later()
try:
    faulthandler.dump_traceback_later(0)
except ValueError as e:
    print("ValueError:", e)
sys.stdout.flush()
