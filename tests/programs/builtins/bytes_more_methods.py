# bytes and bytearray: the methods they share with str (padding,
# partitions, right and line splits, prefixes, titles, tabs, translate)
# and bytearray.insert/remove.
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


for b in [b"key=value=x", bytearray(b"key=value=x")]:
    print(b.partition(b"="), b.rpartition(b"="), b.partition(b"#"), b.rpartition(b"#"))
    print(b.rsplit(b"="), b.rsplit(b"=", 1), b.rsplit(maxsplit=0))
    print(b.removeprefix(b"key"), b.removesuffix(b"=x"), b.removeprefix(b"zz"))
    print(b.rindex(b"="), b.rindex(ord("k")), b.isascii())
    print(b.center(15), b.center(16, b"*"), b.ljust(14, b"-"), b.rjust(14), b.zfill(14))
    print(b.title(), b.istitle(), b.title().istitle())
print(b"  a b  c ".rsplit(), b"a  b".rsplit(None, 1), b"".rsplit())
print(b"one\ntwo\r\nthree\rfour".splitlines(), b"x\ny\n".splitlines(True), b"".splitlines())
print(b"a\tbc\td\n\te".expandtabs(), b"a\tb".expandtabs(4), b"a\tb".expandtabs(tabsize=0))
print(b"-42".zfill(6), b"+7".zfill(4), b"abc".zfill(2), bytearray(b"7").zfill(3))
print(b"hello world".title(), b"Hello World".istitle(), b"HELLO".istitle(), b"".istitle())
table = bytes.maketrans(b"abc", b"xyz")
print(len(table), b"aabbcc-d".translate(table), b"aabbcc".translate(None, b"b"), b"abc".translate(table, delete=b"c"))
print(bytes(b"x").__bytes__(), b"caf\xc3\xa9".isascii())
ba = bytearray(b"ace")
ba.insert(1, ord("b"))
ba.insert(-1, 100)
ba.insert(100, 102)
ba.insert(-100, 64)
print(ba)
ba.remove(ord("@"))
print(ba)
attempt("remove missing", lambda: ba.remove(ord("z")))
attempt("insert 300", lambda: ba.insert(0, 300))
attempt("partition empty", lambda: b"a".partition(b""))
attempt("rsplit empty", lambda: b"a".rsplit(b""))
attempt("rindex missing", lambda: b"a".rindex(b"b"))
attempt("center bad fill", lambda: b"a".center(5, b"ab"))
attempt("translate short", lambda: b"a".translate(b"abc"))
attempt("maketrans lengths", lambda: bytes.maketrans(b"ab", b"c"))
