b = b"hello world"
print(b, len(b), b[0], b[1:4], b[-1], b[::-1], b.split(), b.upper(), b.decode(), list(b[:3]))
print(bytes([65, 66]), bytes(3), b"a" + b"b", b"x" * 3, 2 * b"ab", b.find(b"o"), b.rfind(b"o"), b.replace(b"l", b"L"), b.count(b"l"))
ba = bytearray(b"abc"); ba.append(100); ba[0] = 65; ba.extend([101, 102]); print(ba, bytes(ba), len(ba), ba.pop(), ba)
ba[1:3] = b"XYZ"; print(ba, ba[1], ba[1:3], bytearray(2), bytearray("hé", "utf-8"))
print("héllo".encode(), "héllo".encode("utf-8").decode("utf-8"), b.hex(), bytes.fromhex("41 42"), bytearray.fromhex("00ff"))
print(b.startswith(b"he"), b.endswith((b"x", b"ld")), b"  x \n".strip(), b"xxaxx".strip(b"x"), b",".join([b"a", b"b"]), b"abc" < b"abd", b"abc" == bytearray(b"abc"))
print(b"a,b,,c".split(b","), b"a b".split(None, 1), 104 in b, b"wor" in b, b"zz" in b, b.index(b"w"), b.isalpha(), b"123".isdigit())
print(str(b"x", "ascii"), str(b"caf\xc3\xa9", encoding="utf-8"), repr(b"\x00\n'\""), b"\xff".decode("latin-1"), list(bytearray(b"hi")))
for x in b"AZ":
    print(x, end=" ")
print(type(b).__name__, type(ba).__name__, isinstance(b, bytes), bytes is type(b""), hash(b"abc") == hash(b"abc"))
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
except ValueError as e:
    print("ValueError", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError:", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
try:
    b[0] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    {bytearray(b"x"): 1}
except TypeError as e:
    print("TypeError:", e)
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True))
print((0.1).hex(), (1.0).hex(), (-2.5).hex(), float.fromhex("0x1.8p1"), float.fromhex((3.14159).hex()) == 3.14159, (0.75).as_integer_ratio(), (5).as_integer_ratio(), (255).bit_count())
print(float.fromhex("inf"), float.fromhex("-0x0p+0"), (5e-324).hex(), float.fromhex("0x1p-1074"))
