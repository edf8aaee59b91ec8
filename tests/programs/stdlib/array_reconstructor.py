# array._array_reconstructor: arrays from pickles of every machine format.
import array, pickle
from array import _array_reconstructor as rec
print(rec(array.array, 'i', 8, b'\x01\x00\x00\x00\xff\xff\xff\xff'))
print(rec(array.array, 'l', 9, b'\x00\x00\x00\x01\xff\xff\xff\xfe'))
print(rec(array.array, 'H', 3, b'\x01\x02'), rec(array.array, 'B', 1, b'\xff'))
print(rec(array.array, 'd', 15, b'\x3f\x80\x00\x00'), rec(array.array, 'u', 19, b'\x00a\x00b'))
for bad in [(1, 'i', 8, b''), (array.array, 'x', 8, b''), (array.array, 'i', 99, b''), (array.array, 'i', 8, 'str')]:
    try:
        rec(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
a = array.array('q', [1, -2, 3])
print(pickle.loads(pickle.dumps(a, 4)) == a, pickle.loads(pickle.dumps(array.array('u', 'hi'))))
