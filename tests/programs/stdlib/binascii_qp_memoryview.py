# Quoted-printable and uuencode in binascii (and quopri on top), hex with
# separators, and memoryviews cast to several dimensions.
import base64
import binascii
import quopri

text = b"caf\xe9 = tasty\t\nline two with trailing space \r\n." + b"x" * 80 + b"\n"
enc = binascii.b2a_qp(text)
print(enc)
print(binascii.a2b_qp(enc) == text, binascii.b2a_qp(text, quotetabs=True)[:40], binascii.b2a_qp(b"a b_c", header=True))
print(binascii.a2b_qp(b"a=3D=\nb=4g==_x", header=True), binascii.a2b_qp("soft=\r\nbreak"), binascii.b2a_qp(b"\r\n.\n", istext=False))
print(quopri.encodestring(b"hello=world \n"), quopri.decodestring(b"hello=3Dworld=20\n"))
line = binascii.b2a_uu(b"The quick brown fox")
print(line, binascii.a2b_uu(line), binascii.a2b_uu(b""), binascii.a2b_uu(b"$`$-A=```\n"), binascii.b2a_uu(b"", backtick=True))
for bad in [b"!!!!", b"$abc\x7f"]:
    try:
        binascii.a2b_uu(bad)
    except binascii.Error as e:
        print("Error", e)
data = bytes(range(10))
print(data.hex(), data.hex(":"), data.hex("-", 4), data.hex(b" ", -3), binascii.hexlify(data, "_", 2), bytearray(b"\xff\x00").hex("."))
for bad in [("ab",), ("\u00e9",)]:
    try:
        data.hex(*bad)
    except ValueError as e:
        print("ValueError", e)

m = memoryview(b"abcdef").cast("B", (2, 3))
print(m.shape, m.ndim, m.strides, len(m), m.tolist(), m.tobytes(), bytes(m), m.nbytes, m.cast("B").tolist())
print(memoryview(bytearray(8)).cast("H", [2, 2]).tolist(), memoryview(m).shape)
print(base64.b64encode(m), binascii.b2a_base64(m))
for bad in [lambda: m[0], lambda: list(m), lambda: m.cast("B", (3, 3)), lambda: m.cast("B", (6,)), lambda: base64.encodebytes(m)]:
    try:
        bad()
    except (NotImplementedError, TypeError) as e:
        print(type(e).__name__, e)
