# _posixshmem: POSIX shared memory objects, as multiprocessing's
# shared_memory and resource_tracker use them.
import os
import _posixshmem

name = f"/taipan-test-{os.getpid()}"
fd = _posixshmem.shm_open(name, os.O_CREAT | os.O_EXCL | os.O_RDWR, mode=0o600)
os.ftruncate(fd, 16)
os.write(fd, b"shared bytes")
print(os.fstat(fd).st_size)
again = _posixshmem.shm_open(name, os.O_RDWR)
print(os.read(again, 12))
os.close(again)
os.close(fd)
try:
    _posixshmem.shm_open(name, os.O_CREAT | os.O_EXCL | os.O_RDWR)
except FileExistsError as e:
    print("FileExistsError", e.errno, e.filename == name)
_posixshmem.shm_unlink(name)
for call in (lambda: _posixshmem.shm_unlink(name), lambda: _posixshmem.shm_open(name, os.O_RDWR)):
    try:
        call()
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.filename == name)
for bad in (lambda: _posixshmem.shm_open(b"/x", os.O_RDONLY), lambda: _posixshmem.shm_unlink(3)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
