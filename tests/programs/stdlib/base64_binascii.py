# binascii and base64 on it: hex, base64 (standard, urlsafe, strict),
# base32/base16/base85, uu, CRCs and the errors.
import base64
import binascii

data = bytes(range(0, 256, 7)) + b"hello world"
print(binascii.hexlify(b"\x00\xffab"), binascii.unhexlify("00ff6162"))
print(binascii.hexlify(b"\x01\x02\x03\x04", "-", 2), binascii.b2a_hex(b"xyz", b":"))
for n in range(6):
    enc = binascii.b2a_base64(data[:n])
    print(n, enc, binascii.a2b_base64(enc) == data[:n])
print(binascii.b2a_base64(b"abc", newline=False))
print(binascii.a2b_base64(b"YW\nJj!"), binascii.a2b_base64("YWJjZA=="))
for bad in [b"YWJjZ", b"YWJjZA", b"YW=Jj"]:
    try:
        print(binascii.a2b_base64(bad, strict_mode=True))
    except binascii.Error as e:
        print("Error:", e)
try:
    binascii.a2b_base64(b"YWJjZ")
except binascii.Error as e:
    print("Error:", e)
try:
    binascii.unhexlify(b"abc")
except binascii.Error as e:
    print("Error:", e, isinstance(e, ValueError))
print(binascii.crc32(b"hello"), binascii.crc32(b" world", binascii.crc32(b"hello")), binascii.crc_hqx(b"hello", 0))
line = binascii.b2a_uu(b"Cat")
print(line, binascii.a2b_uu(line), binascii.b2a_uu(b"", backtick=True))
print(base64.b64encode(data), base64.b64decode(base64.b64encode(data)) == data)
print(base64.urlsafe_b64encode(b"\xfb\xff\xfe"), base64.urlsafe_b64decode(b"-__-"))
print(base64.b32encode(b"hello"), base64.b32decode(b"NBSWY3DP"))
print(base64.b16encode(b"\x01\xab"), base64.b16decode(b"01AB"))
print(base64.b85encode(b"hello"), base64.a85encode(b"hello"))
print(base64.standard_b64decode("aGk="), base64.encodebytes(b"x" * 60))
