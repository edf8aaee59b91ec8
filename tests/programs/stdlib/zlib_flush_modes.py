# compressobj flushes of every mode (a sync flush looped forever before),
# each stream decompressing to the data.
import zlib
data = b'x' * 30000 + bytes(range(256)) * 20
for sync in [zlib.Z_NO_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, getattr(zlib, 'Z_PARTIAL_FLUSH', 1), getattr(zlib, 'Z_BLOCK', 5)]:
    for level in (0, 1, 6, 9):

        obj = zlib.compressobj(level)
        a = obj.compress(data[:3000])
        b = obj.flush(sync)
        c = obj.compress(data[3000:])
        d = obj.flush()
        assert zlib.decompress(a + b + c + d) == data
print('ok')
