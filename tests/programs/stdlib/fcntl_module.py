"""fcntl: descriptor flags, close-on-exec, non-blocking pipes, locks,
ioctl with an int and a buffer argument, and the errors."""
import fcntl, os, tempfile, struct

r, w = os.pipe()
print(bool(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC))
fcntl.fcntl(r, fcntl.F_SETFD, 0)
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
flags = fcntl.fcntl(r, fcntl.F_GETFL)
fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
print(bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK))
try:
    os.read(r, 10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno)
os.write(w, b"hello")
FIONREAD = 0x541B
print(struct.unpack("i", fcntl.ioctl(r, FIONREAD, b"\0\0\0\0"))[0])
print(fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) > 0)
with tempfile.TemporaryFile() as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX)
    fcntl.lockf(f, fcntl.LOCK_UN)
    print("locked and unlocked")
for bad in [lambda: fcntl.fcntl(-1, fcntl.F_GETFD), lambda: fcntl.fcntl(9999, fcntl.F_GETFD),
            lambda: fcntl.fcntl("x", 1), lambda: fcntl.fcntl(r, fcntl.F_GETFD, b"x" * 2000),
            lambda: fcntl.lockf(r, 0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFL, fcntl.F_SETLKW)
