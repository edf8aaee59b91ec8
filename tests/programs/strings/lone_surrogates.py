# Lone surrogates in str: literals, chr/ord, decoding with surrogateescape
# and surrogatepass, and every operation that builds strs from strs.
import os

s = '\ud800'
print(repr(s), len(s), ord(s), s == '\ud800', s == '\ufffd', hash(s) == hash(chr(0xd800)))
t = chr(0xdcff)
print(repr(t + 'abc' + s), repr((t + s) * 2), ascii(t))
d = {s: 1, 'x': 2}
print(d.get('\ud800'), d.get(chr(0xd800)), d.get('\ufffd'))

# A genuine character of the block stand-ins would use, beside a surrogate.
g = '\U000dd800' + '\ud800'
print(repr(g), len(g), [hex(ord(c)) for c in g], g == '\U000dd800\ud800')
print(repr(g[::-1]), repr(g.upper()), repr('\U000dd800'.join(['\ud800', '\udfff'])))

b = b'-\xff'.decode('utf-8', 'surrogateescape')
print(ascii(b), len(b), b.encode('utf-8', 'surrogateescape'))
print(os.fsencode('abc' + b), os.fsdecode(b'x\xfey') == 'x\udcfey')
for errors in ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace', 'surrogatepass']:
    try:
        print(errors, ('a' + b + '\ud800z').encode('utf-8', errors))
    except UnicodeEncodeError as e:
        print(errors, 'UnicodeEncodeError:', e)
try:
    '\udc80x'.encode('ascii')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError:', e)
print('\ud800\udc00'.encode('utf-8', 'surrogatepass'), len('\ud800\udc00'))
print(b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass') == '\ud800')
print(ascii(b'abc\xff'.decode('ascii', 'surrogateescape')))
print(b'abc\xff'.decode('ascii', 'surrogateescape').encode('ascii', 'surrogateescape'))
print(ascii('ab\ud800cd'.encode('utf-16-le', 'surrogatepass').decode('utf-16-le', 'surrogatepass')))
try:
    'ab\ud800'.encode('utf-16')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError:', e)

# Methods, formatting and building.
x = 'ab\ud800cd'
print(ascii(x.upper()), x.split('\ud800'), ascii(x.partition('\ud800')), x.find('\ud800'), x.count('c'))
print(ascii(x.replace('\ud800', '-')), ascii(x.replace('b', '\udc00')), x.startswith(('z', 'ab\ud800')))
print(ascii('-'.join(['a', '\udc80', 'b'])), ascii(f'{b}!'), ascii(f'{b!s:>5}'), ascii('%s|%r' % (b, b)), ascii('{}'.format(b)))
print(ascii(x[2]), ascii(x[1:3]), ascii(x[::-1]), [ascii(c) for c in x])
print(ascii(str(x)), x.isprintable(), x.isalpha(), ascii(x.center(9, '*')), ascii(x.strip('a')))
print('\ud800' < '\ue000', '\ud800' > 'z', sorted(['\ue000', '\ud800', 'a', '\U00010000']) == ['a', '\ud800', '\ue000', '\U00010000'])
print(len({'\ud800', chr(0xd800), '\ud800'[:1], '\ud801'}))

# Writing one to a text stream that cannot encode it.
try:
    print('\ud800')
except UnicodeEncodeError as e:
    print('UnicodeEncodeError:', e)

# A method whose strs use one block for different things (a genuine
# character of the stand-in block beside a surrogate argument).
h = '\U000dd800x\ud800'[:2]
print(h.find('\ud800'), h.count('\U000dd800'), ascii(h.replace('x', '\ud800')), h.startswith(('\ud800', '\U000dd800')))
print(ascii('%s-%s' % (h, '\ud800')), ascii('{}{}'.format('\ud800', h)))
