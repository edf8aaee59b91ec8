"""Signal semantics CPython's test_signal checks: handlers installed
without SA_RESTART (a blocking call fails with EINTR, its handler runs,
the call resumes — PEP 475 — or the handler's exception comes out),
siginterrupt, default_int_handler for any signal, set_wakeup_fd's
checks, argument errors, pidfd_send_signal; and bound-method equality
(signal.getsignal gives back an equal method)."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

hits = []
signal.signal(signal.SIGALRM, lambda s, f: hits.append(s))


def later(secs=0.1):
    signal.setitimer(signal.ITIMER_REAL, secs)


r, w = os.pipe()


def after_handler():
    """Waits (in a helper thread) until the main thread's handler has
    run: its blocking call was interrupted, and is to resume."""
    seen = len(hits)
    deadline = time.monotonic() + 10
    while len(hits) == seen and time.monotonic() < deadline:
        time.sleep(0.01)


def writer():
    after_handler()
    os.write(w, b"x")


def slow_writer():
    time.sleep(1.0)
    os.write(w, b"x")


t = threading.Thread(target=writer)
t.start()
later()
print("os.read resumes:", os.read(r, 1), len(hits))
t.join()
f = os.fdopen(r, "rb", buffering=0)
t = threading.Thread(target=writer)
t.start()
later()
print("FileIO.read resumes:", f.read(1), len(hits))
t.join()
later()
out = subprocess.run(
    [sys.executable, "-c", "import time; time.sleep(0.3); print('hi')"],
    capture_output=True,
).stdout
print("subprocess resumes:", out, len(hits))
a, b = socket.socketpair()


def sender():
    after_handler()
    b.send(b"s")


t = threading.Thread(target=sender)
t.start()
later()
print("recv resumes:", a.recv(1), len(hits))
t.join()


def boom(s, f):
    raise ZeroDivisionError


signal.signal(signal.SIGALRM, boom)
later()
try:
    os.read(os.pipe()[0], 1)
except ZeroDivisionError:
    print("the handler's exception leaves os.read")

# siginterrupt(False): the read restarts, so the handler runs only once
# it returns.
signal.siginterrupt(signal.SIGALRM, False)
t = threading.Thread(target=slow_writer)
t.start()
later(0.05)
try:
    got = os.read(f.fileno(), 1)
    print("restarted read:", got)
    time.sleep(0)
except ZeroDivisionError:
    print("handler ran after the restarted read")
t.join()
signal.siginterrupt(signal.SIGALRM, True)

# default_int_handler raises KeyboardInterrupt for any signal; pause()
# returns after the handler.
signal.signal(signal.SIGALRM, signal.default_int_handler)
later()
try:
    signal.pause()
except KeyboardInterrupt:
    print("KeyboardInterrupt out of pause")
signal.signal(signal.SIGALRM, signal.SIG_DFL)

# Argument checks.
for args in [
    (),
    (1,),
    (1, 2, 3),
    (1700, []),
    (signal.SIG_BLOCK, [signal.NSIG]),
    (signal.SIG_BLOCK, [0]),
    (signal.SIG_BLOCK, [1 << 1000]),
]:
    try:
        signal.pthread_sigmask(*args)
        print("ok")
    except Exception as e:
        print(type(e).__name__, e)
for sig in [signal.NSIG, 0, 1 << 1000, -1]:
    try:
        signal.signal(sig, signal.SIG_DFL)
    except Exception as e:
        print(type(e).__name__, e)

rb, wb = os.pipe()
try:
    signal.set_wakeup_fd(wb)
except ValueError as e:
    print(str(e).replace(str(wb), "W"))
os.set_blocking(wb, False)
print(signal.set_wakeup_fd(wb), signal.set_wakeup_fd(-1) == wb)
os.close(rb)
os.close(wb)
try:
    signal.set_wakeup_fd(wb)
except OSError as e:
    print("closed fd:", type(e).__name__, e.errno)
try:
    signal.set_wakeup_fd(signum=signal.SIGINT)
except TypeError as e:
    print("TypeError")

# pidfd_send_signal to this process.
pidfd = os.open(f"/proc/{os.getpid()}", os.O_DIRECTORY)
try:
    signal.pidfd_send_signal(pidfd, signal.SIGINT, object(), 0)
except TypeError as e:
    print(e)
try:
    signal.pidfd_send_signal(pidfd, signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt from pidfd_send_signal")
os.close(pidfd)


# Bound methods: equal when they bind the same object and function.
class C:
    def h(self, *a):
        pass


c = C()
print(c.h == c.h, c.h != c.h, hash(c.h) == hash(c.h), c.h == C().h)
lst = []
print(lst.append == lst.append, lst.append == [].append)
old = signal.signal(signal.SIGHUP, c.h)
print(signal.getsignal(signal.SIGHUP) == c.h)
signal.signal(signal.SIGHUP, old)
print({c.h: 1}[c.h])

# faulthandler's crash helpers end the process by the signal.
for helper in ("_sigsegv()", "_sigabrt()", "_sigfpe()", "_sigsegv(True)"):
    child = subprocess.run(
        [sys.executable, "-c", "import faulthandler; faulthandler." + helper],
        capture_output=True,
    )
    print(helper, child.returncode)
