# io: in-memory streams, files through open(), the buffered and text
# layers, newline handling, tell/seek cookies and subclassing.
import io
import os

# --- StringIO ---
s = io.StringIO("one\ntwo\nthree")
print(s.readline(), end="")
print(s.tell(), s.read(3), s.readlines())
s.seek(0, 2)
s.write("\nfour")
print(repr(s.getvalue()))
s.seek(4)
s.truncate()
print(repr(s.getvalue()), s.tell())
for nl in [None, "", "\n", "\r", "\r\n"]:
    t = io.StringIO("a\r\nb\rc\nd", newline=nl)
    print(repr(nl), [line for line in t], repr(t.getvalue()), t.newlines)
w = io.StringIO(newline="\r\n")
w.write("x\ny\n")
print(repr(w.getvalue()))
try:
    io.StringIO().write(b"bytes")
except TypeError as e:
    print("TypeError:", e)
try:
    io.StringIO(newline="x")
except ValueError as e:
    print("ValueError:", e)
c = io.StringIO("abc")
c.close()
try:
    c.read()
except ValueError as e:
    print("ValueError:", e)
print(c.closed)

class Upper(io.StringIO):
    def write(self, text):
        return super().write(text.upper())

u = Upper()
print("shout", 42, file=u)
u.extra = "attrs work"
print(repr(u.getvalue()), u.extra, isinstance(u, io.TextIOBase))

# --- BytesIO ---
b = io.BytesIO(b"hello\nworld\n")
print(b.read(2), b.readline(), b.tell(), b.read())
b.seek(2)
b.write(b"LL")
print(b.getvalue())
b.seek(20)
b.write(b"!")
print(b.getvalue(), len(b.getvalue()))
buf = bytearray(4)
b.seek(0)
print(b.readinto(buf), buf)
print(list(io.BytesIO(b"a\nb\nc")))
try:
    b.seek(-1)
except ValueError as e:
    print("ValueError:", e)
state = io.BytesIO(b"xyz")
state.read(1)
st = state.__getstate__()
print(st[0], st[1])

# --- files ---
d = f"/tmp/taipan_io_{os.getpid()}"
os.makedirs(d, exist_ok=True)
path = os.path.join(d, "data.txt")
with open(path, "w") as f:
    print(type(f).__name__, f.mode, f.encoding, f.writable(), f.readable())
    f.write("alpha\r\nbeta\ngamma\rdelta")
with open(path) as f:
    first = f.readline()
    pos = f.tell()
    rest = f.read()
    f.seek(pos)
    again = f.read()
    print(repr(first), repr(rest), again == rest, f.newlines)
with open(path, newline="") as f:
    print(f.readlines())
with open(path, "rb") as f:
    print(type(f).__name__, f.peek(3)[:3], f.read1(4), f.read())
with open(path, "a") as f:
    f.write("\nappended")
with open(path, "r+") as f:
    f.seek(0, 2)
    end = f.tell()
    f.write("!")
    f.seek(0)
    print(end, f.read().splitlines()[-1])
with open(path, "rb", buffering=0) as f:
    print(type(f).__name__, f.read(5), f.tell(), f.seek(1), f.read(2))
try:
    open(path, "x")
except FileExistsError as e:
    print("FileExistsError", e.errno)
try:
    open(os.path.join(d, "missing.txt"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.strerror)
try:
    open(path, "rw")
except ValueError as e:
    print("ValueError:", e)

# Encodings: native ones and codecs' incremental ones.
for enc in ["latin-1", "utf-16", "ascii"]:
    p = os.path.join(d, "enc.txt")
    with open(p, "w", encoding=enc, errors="replace") as f:
        f.write("caf\u00e9 \u20ac\n")
    with open(p, "rb") as f:
        raw = f.read()
    with open(p, encoding=enc) as f:
        print(enc, len(raw), repr(f.read()))

# Text over any binary stream, lines across chunk boundaries.
long_text = "".join(f"line {i}\r\n" for i in range(3000))
t = io.TextIOWrapper(io.BytesIO(long_text.encode()), encoding="utf-8")
lines = t.readlines()
print(len(lines), repr(lines[-1]))
t = io.TextIOWrapper(io.BytesIO(long_text.encode()), newline="\r\n")
print(sum(1 for _ in t))
t = io.TextIOWrapper(io.BytesIO("h\u00e9llo w\u00f6rld".encode()))
print(t.read(2), t.tell(), t.read(), t.tell())

# A raw stream written in Python under a BufferedReader.
class Counter(io.RawIOBase):
    def __init__(self, n):
        self.left = n
    def readable(self):
        return True
    def readinto(self, b):
        n = min(len(b), self.left, 3)
        b[:n] = b"x" * n
        self.left -= n
        return n

r = io.BufferedReader(Counter(10), buffer_size=4)
print(r.read(5), r.read(), Counter(7).read(), Counter(4).readall())
print(isinstance(r, io.BufferedIOBase), issubclass(io.FileIO, io.RawIOBase))

try:
    io.BytesIO().fileno()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e, isinstance(e, OSError), isinstance(e, ValueError))

for name in os.listdir(d):
    os.remove(os.path.join(d, name))
os.rmdir(d)
print("done")
