"""bytearray += and *= change the bytearray itself (aliases and a caller's
argument see it), as list += does; bytes += makes a new object."""

d = bytearray()
def r(d):
    d += b'ab'
    return len(d)
print(r(d), d)
x = bytearray(b'1'); y = x; y += b'2'; print(x, x is y)
y += memoryview(b'34'); y += bytearray(b'5'); print(x)
z = x; z *= 2; print(x, z is x)
z *= 0; print(x)
try:
    x += "s"
except TypeError as e: print(e)
try:
    x += 5
except TypeError as e: print(e)
b = b'1'; c = b; c += b'2'; print(b, c)
class B(bytearray): pass
q = B(b"x"); w = q; w += b"y"; print(bytes(q), type(w).__name__, w is q)
for i in range(3):
    acc = bytearray()
    for k in range(5): acc += bytes([65 + k])
print(acc)
