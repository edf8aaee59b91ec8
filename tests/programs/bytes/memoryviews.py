# memoryview over bytes and bytearray: views share the bytes.
data = bytearray(b"hello world")
mv = memoryview(data)
print(type(mv).__name__, len(mv), mv[0], mv[-1], mv.readonly, mv.format, mv.itemsize, mv.ndim, mv.shape, mv.nbytes)
print(bytes(mv[:5]), mv[6:].tobytes(), mv[::2].tolist(), mv[::-1].tobytes())
mv[0] = ord("J")
mv[6:11] = b"WORLD"
print(data)
sub = mv[1:10:2]
sub[0] = 69
print(data, sub.tobytes(), sub.strides, sub.c_contiguous)
ro = memoryview(b"abc")
print(ro.readonly, ro == b"abc", ro == bytearray(b"abc"), ro != b"abd", hash(ro) == hash(b"abc"))
try:
    ro[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    hash(mv)
except ValueError as e:
    print("ValueError:", e)
try:
    mv[100]
except IndexError as e:
    print("IndexError:", e)
print(list(memoryview(b"xyz")), b"-" + memoryview(b"ab"), memoryview(b"\x01\xff").hex())
print(memoryview(memoryview(b"nested")).tobytes(), mv.obj is data)
with memoryview(b"ctx") as m:
    print(m.tobytes())
print(repr(m).startswith('<released memory at 0x'))
try:
    m.tobytes()
except ValueError as e:
    print("ValueError:", e)
try:
    memoryview("text")
except TypeError as e:
    print("TypeError:", e)
print(bytes(memoryview(b"")), bool(memoryview(b"")), memoryview(b"ab").cast("B").tolist())
