# bytes % args (PEP 461): %s/%b with bytes-like values and __bytes__,
# %r/%a as ascii(), %c, numbers, mappings, bytearray templates, errors.
class B:
    def __bytes__(self):
        return b"<B>"

print(b"line %d of %s\n" % (3, b"text"))
print(b"%5d|%-5d|%05.1f|%x|%#o" % (42, 42, 3.14159, 255, 8))
print(b"%b %s %s" % (b"raw", bytearray(b"array"), memoryview(b"view")))
print(b"%s" % B(), b"%r %a" % ("h\xe9", "h\xe9"))
print(b"%c%c%c" % (65, b"B", 0x43), b"%%")
print(b"%(name)s=%(value)d" % {b"name": b"k", b"value": 7})
print(bytearray(b"%d-%d") % (1, 2), type(bytearray(b"%d") % 1).__name__)
print(b"\xff%s\x00" % b"\x80")
for bad in [(b"%s", "text"), (b"%d", b"x"), (b"%c", 300), (b"%d %d", (1,)), (b"%d", (1, 2))]:
    try:
        bad[0] % bad[1]
    except (TypeError, OverflowError, ValueError) as e:
        print(type(e).__name__, e)
