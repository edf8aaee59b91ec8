"""The array module: typed arrays of machine numbers (items, slices, growth, bytes,
range checks and their errors, subclasses, copy and pickle)."""
import array
from array import array as A

a = A('i', [1, 2, 3])
print(a, len(a), a[0], a[-1], a.typecode, a.itemsize)
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(-1, 99)
print(a, a.tolist())
print(a.pop(), a.pop(0), a)
a.remove(99); print(a, a.index(3), a.count(2), 3 in a, 42 in a)
a.reverse(); print(a)
print(a[1:3], a[::-1], a[::2])
a[0] = 10; a[1:3] = A('i', [7, 8, 9]); print(a)
del a[0]; del a[::2]; print(a)
b = A('d', [1.5, 2.5]) ; print(b, b * 2, 2 * b, b + A('d', [3.0]))
b += A('d', [4.0]); b *= 2; print(b)
print(A('u', 'hello'), A('u', 'hi').tounicode(), A('b'), repr(A('f', [0.1])))
print(A('B', b'\x01\x02\x03'), A('H', [1, 2]).tobytes())
c = A('h', [1, 256]); c.byteswap(); print(c)
c = A('h'); c.frombytes(b'\x01\x00\x02\x00'); print(c, c == A('h', [1, 2]), c < A('h', [1, 3]), c != A('h', [1, 2]))
print(A('L', [2**64 - 1]), A('Q', [2**63]), A('q', [-2**63]))
print(list(A('i', range(5))), sum(A('d', [0.5] * 4)))
print(array.typecodes, array.ArrayType is array.array, type(a).__name__)
c = A('i', [1]); c.fromlist([2, 3]); print(c, A('i', A('b', [1, 2])))
import copy, pickle
print(copy.copy(c), copy.deepcopy(c), pickle.loads(pickle.dumps(c)))
class Sub(A):
    pass
s = Sub('i', [1, 2]); s.extra = 5
print(s, s.extra, isinstance(s, A), s[::-1], type(s[::-1]).__name__)
for bad in ["A('x')", "A('b', [300])", "A('b', [-300])", "A('B', [-1])", "A('H', [-1])",
            "A('i', [2**40])", "A('I', [-1])", "A('L', [-1])", "A('l', [2**70])", "A('Q', [-1])",
            "A('i', [1.5])", "A('d', ['x'])", "A('u', [5])", "A('i', ['3'])", "A('i')[0]",
            "A('i').pop()", "A('i', [1]).remove(5)", "A('i', [1]).index(5)", "A('i') + [1]",
            "A('i') + A('d')", "A('h', b'\\x01')", "A('i', 'abc')", "hash(A('i'))", "A('i')[1:2] = [1]"]:
    try:
        print(eval(bad) if '=' not in bad else exec(bad))
    except Exception as e:
        print(type(e).__name__, e)
