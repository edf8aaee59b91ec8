# Names that are not UTF-8 reach Python as str with surrogates (PEP 383)
# and go back to the OS as the same bytes.
import os
import tempfile

with tempfile.TemporaryDirectory() as d:
    open(os.path.join(os.fsencode(d), b'a\xffb'), 'w').close()
    names = os.listdir(d)
    print(ascii(names))
    for n in names:
        p = os.path.join(d, n)
        print(ascii(os.path.basename(p)), os.path.exists(p), os.fsencode(n))
        os.rename(p, p + '.x')
    print(ascii(os.listdir(d)), os.listdir(os.fsencode(d)))
    with open(os.path.join(d, 'f.bin'), 'wb') as f:
        f.write(b'a\xffb\nc\xfe\n')
    with open(os.path.join(d, 'f.bin'), encoding='utf-8', errors='surrogateescape') as f:
        lines = f.readlines()
    print(ascii(lines))
    with open(os.path.join(d, 'g.bin'), 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(''.join(lines))
    print(open(os.path.join(d, 'g.bin'), 'rb').read())
    try:
        open(os.path.join(d, 'h'), 'w', encoding='utf-8').write('\udcff')
    except UnicodeEncodeError as e:
        print('UnicodeEncodeError:', e)
    try:
        os.stat('\ud800')
    except UnicodeEncodeError as e:
        print('UnicodeEncodeError:', e)
os.environ['TAIPAN_SURROGATE'] = 'v\udcff'
print(os.environb[b'TAIPAN_SURROGATE'], ascii(os.environ['TAIPAN_SURROGATE']))
