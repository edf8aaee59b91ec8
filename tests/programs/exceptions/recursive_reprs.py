# Reprs that recurse without a Python frame in between raise instead of
# overflowing the stack: a __repr__ that is object.__str__, views nested
# past the recursion limit, an io object that is its own name; a view
# inside what it views prints as `...`.
import io
import os
import sys
import tempfile

d = {}
d[42] = d.values()
print(repr(d))
d[42] = d.items()
print(repr(d))
d[42] = d.keys()
print(repr(d))


class Foo:
    pass


Foo.__repr__ = Foo.__str__
foo = Foo()
for f in (str, repr):
    try:
        f(foo)
    except RecursionError:
        print(f.__name__, "RecursionError")

d = {}
for i in range(sys.getrecursionlimit() + 100):
    d = {42: d.values()}
try:
    repr(d)
except RecursionError as e:
    print("nested views:", e)

fd, path = tempfile.mkstemp()
os.close(fd)
f = io.FileIO(path, "w")
f.name = f
try:
    repr(f)
except RuntimeError as e:
    print("RuntimeError:", e)
f.close()
b = io.BufferedReader(io.FileIO(path, "r"))
b.raw.name = b
try:
    repr(b)
except RuntimeError as e:
    print("RuntimeError:", e)
b.raw.name = path
b.close()
os.unlink(path)
print(float.fromhex("0x1.ffffffffffffp0"), float.fromhex("0x1.00000000000008p0"))
