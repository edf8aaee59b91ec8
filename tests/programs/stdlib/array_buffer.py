# An array is bytes-like where bytes are read (bytes(), bytearray(),
# binascii, base64, hashlib, zlib, file writes) and memoryview shows its
# items in the array's format, as they are now.
import array
import base64
import binascii
import hashlib
import io
import zlib

a = array.array("B", b"abc")
print(bytes(a), bytearray(a), binascii.hexlify(a), base64.b64encode(a))
print(hashlib.sha1(a).hexdigest(), zlib.crc32(a), zlib.decompress(zlib.compress(a)))
f = io.BytesIO()
f.write(array.array("h", [1, -2]))
print(f.getvalue())
i = array.array("i", [1, 2, 3])
m = memoryview(i)
print(m.format, m.itemsize, m.nbytes, len(m), m.tolist(), m.tobytes() == bytes(i))
i[0] = 9
print(m.tolist(), m[1], bytes(m[:1]))


class Sub(array.array):
    pass


print(bytes(Sub("b", [1, 2])), memoryview(Sub("d", [0.5])).tolist())
