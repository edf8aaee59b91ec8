# str predicates and case mappings answer from Unicode 14.0.0 as CPython
# 3.11 does (not from a later Unicode, nor from other definitions): a
# digest over a sample of every plane, and the classic edge cases.
import hashlib


def digest(step, offset):
    h = hashlib.sha1()
    for i in range(offset, 0x110000, step):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        h.update("".join([
            "01"[c.isalnum()], "01"[c.isalpha()], "01"[c.isdecimal()], "01"[c.isdigit()],
            "01"[c.islower()], "01"[c.isnumeric()], "01"[c.isspace()], "01"[c.istitle()],
            "01"[c.isupper()], "01"[c.isprintable()], "01"[c.isidentifier()],
            "01"[(c + "abc").istitle()], "01"[(c + "ABC").isupper()],
            c.lower(), c.upper(), c.title(), c.casefold(), c.swapcase(), c.capitalize(),
            (c + "abc").title(), (c + "ABC").lower(), ("A\u03a3" + c).lower(),
        ]).encode("utf-8"))
    return h.hexdigest()[:16]


print(digest(13, 0), digest(13, 5))
print(digest(7, 3))
for c in "\xbd\u0345\u2155\u4e00\xaa\u01c5\u0130\xdf\ufb01\u1f80\u03a3\u10d0\U0001e900":
    print(ascii(c), c.isdigit(), c.isnumeric(), c.isalpha(), c.islower(), c.istitle(),
          ascii(c.lower()), ascii(c.upper()), ascii(c.title()), ascii(c.casefold()))
for s in ["\u039f\u0394\u03a3", "\u039f\u0394\u03a3 \u03a3\u039f", "\u03a3", "A\u03a3'", "A\u03a3'B",
          "\u1f88\u03a3", "\u0130STANBUL", "stra\xdfe", "\u01c4ungla", "\u01c6ABC", "hello World"]:
    print(ascii(s.lower()), ascii(s.upper()), ascii(s.title()), ascii(s.capitalize()),
          ascii(s.swapcase()), ascii(s.casefold()), s.istitle(), s.isupper(), s.islower())
print(int("\u0663\u0664"), float(" 1.5\u2003"), complex("\u20031+2j\u3000"), "a\u2028b".split())
