import struct
print(struct.pack("<hI", -2, 7), struct.pack(">Q", 2**63), struct.pack("@bi", 1, 2), struct.calcsize("@bi"), struct.calcsize("<bi"))
print(struct.unpack("<hI", b"\xfe\xff\x07\x00\x00\x00"), struct.unpack(">d", struct.pack(">d", 1.5)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.pack("3s2p?c", b"abcd", b"xy", True, b"z"), struct.unpack("3s2p?c", b"abc\x01x\x01z"))
print(struct.pack("<e", 1.5), struct.unpack("<e", b"\x00\x3e"), struct.pack("!i", -1))
s = struct.Struct("<2H")
print(s.size, s.format, s.pack(1, 2), s.unpack(b"\x01\x00\x02\x00"), list(s.iter_unpack(b"\x01\x00\x02\x00" * 2)))
ba = bytearray(6); struct.pack_into("<H", ba, 2, 513); print(ba, struct.unpack_from("<H", ba, 2))
for bad in [("<h", 70000), ("<B", -1), ("<i", "x")]:
    try:
        struct.pack(*bad)
    except struct.error as e:
        print("error:", e)
try:
    struct.unpack("<i", b"ab")
except struct.error as e:
    print("error:", e)
