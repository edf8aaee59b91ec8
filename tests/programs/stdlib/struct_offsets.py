# pack_into/unpack_from with offsets at and past the ends (a huge one
# overflowed and panicked before).
import struct, sys
b = bytearray(10)
for off in [sys.maxsize, -sys.maxsize, 8, -2, -20, 20, 0]:
    for f in (lambda: struct.pack_into('i', b, off, 1), lambda: struct.unpack_from('i', bytes(10), off)):
        try:
            print(f())
        except struct.error as e:
            print('error', e)
import struct, sys
# Repeat counts past the size limit are errors, not a huge allocation.
for f in ['{}b'.format(sys.maxsize+1), '{}b{}H'.format(sys.maxsize//2, sys.maxsize//2), '3b2H']:
    try: print(struct.calcsize(f))
    except struct.error as e: print('error', e)
