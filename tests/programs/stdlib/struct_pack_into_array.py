# struct.pack_into writes into a bytearray or an array (a writable native
# buffer); read-only objects get CPython's TypeError.
import array
import struct
a = array.array("b", [0] * 8)
struct.pack_into("<hh", a, 2, 258, -1)
print(a)
s = struct.Struct("<i")
s.pack_into(a, 4, 7)
print(a.tobytes())
b = bytearray(4)
struct.pack_into("<H", b, 1, 513)
print(b)
for bad in (bytes(4), "abcd", memoryview(bytes(4))):
    try:
        struct.pack_into("<H", bad, 0, 1)
    except TypeError as e:
        print(type(bad).__name__, e)
try:
    struct.pack_into("<i", array.array("b", [0, 0]), 0, 1)
except struct.error as e:
    print(e)
