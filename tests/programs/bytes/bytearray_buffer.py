buf = bytearray()
for i in range(5):
    buf.append(65 + i)
buf.extend(b"xyz")
buf.extend([48, 49])
print(buf, len(buf), buf[0], buf[-1], buf[2:5], bytes(buf))
buf[0] = 97
buf[1:3] = b"ZZZZ"
del_ = buf.pop()
print(buf, del_, buf.find(b"Z"), buf.count(b"Z"), buf.upper(), buf.replace(b"Z", b"-"))
buf.reverse(); print(buf)
buf.clear(); print(buf, len(buf), bool(buf))
checksum = sum(b"The quick brown fox") % 256
print(checksum, bytes([checksum]), bytes(range(65, 70)), bytearray(b"ab") + b"cd", b"ab" + bytearray(b"cd"))
print([b for b in b"\x00\x7f\x80\xff"], b"a\tb\n".split(), b"k=v;x=y".split(b";"), b"-".join([b"1", b"2"]))
