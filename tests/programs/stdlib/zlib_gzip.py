# zlib (one-shot and streaming, zlib/raw/gzip containers, max_length,
# unused_data, checksums, errors) and gzip on top of it.
import gzip
import io
import zlib

data = "".join("line %d of some repetitive text\n" % i for i in range(2000)).encode()
for level in (0, 1, 6, 9):
    c = zlib.compress(data, level)
    print(level, len(c) < len(data) or level == 0, zlib.decompress(c) == data, c[:2].hex())
for wbits in (15, -15, 31):
    c = zlib.compress(data, 6, wbits)
    print(wbits, zlib.decompress(c, wbits) == data, zlib.decompress(c, 47) == data if wbits != -15 else "-")
print(zlib.crc32(data), zlib.adler32(data), zlib.crc32(b"a", 5), zlib.adler32(b""))

co = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
stream = b"".join(co.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)) + co.flush()
do = zlib.decompressobj(-zlib.MAX_WBITS)
out = b""
chunk = stream
while chunk:
    out += do.decompress(chunk, 4096)
    chunk = do.unconsumed_tail
out += do.flush()
print(out == data, do.eof)
do = zlib.decompressobj()
print(do.decompress(zlib.compress(b"abc") + b"TRAILING"), do.unused_data, do.eof)
try:
    zlib.decompress(b"not compressed")
except zlib.error as e:
    print("error:", e)
try:
    zlib.decompress(zlib.compress(data)[:100])
except zlib.error as e:
    print("error:", e)

g = gzip.compress(data)
print(g[:3], gzip.decompress(g) == data)
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb") as f:
    f.write(b"hello gzip\n" * 3)
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print(f.read())
