# unicodedata: properties, names, aliases, sequences, normalization and
# the 3.2.0 database, checked over a sample of every plane against
# CPython's answers (a hash per function) and on edge cases one by one.
import hashlib
import unicodedata as u


def digest(db, step):
    out = {}
    for fname in ["digit", "numeric", "decimal"]:
        f = getattr(db, fname)
        h = hashlib.sha1()
        for i in range(0, 0x110000, step):
            h.update(format(f(chr(i), -1), ".12g").encode())
        out[fname] = h.hexdigest()[:12]
    for fname in ["category", "bidirectional", "decomposition", "east_asian_width",
                  "mirrored", "combining"]:
        f = getattr(db, fname)
        h = hashlib.sha1()
        for i in range(0, 0x110000, step):
            h.update(str(f(chr(i))).encode())
        out[fname] = h.hexdigest()[:12]
    h = hashlib.sha1()
    for i in range(0, 0x110000, step):
        n = db.name(chr(i), None)
        h.update(str(n).encode())
        if n is not None:
            assert db.lookup(n) == chr(i), n
    out["name"] = h.hexdigest()[:12]
    for form in ["NFC", "NFD", "NFKC", "NFKD"]:
        h = hashlib.sha1()
        for i in range(0, 0x110000, step):
            if 0xD800 <= i < 0xE000:
                continue
            s = chr(i) + "\u0301\u0323a\u0300"
            h.update(db.normalize(form, s).encode())
            h.update(str(db.is_normalized(form, s)).encode())
        out[form] = h.hexdigest()[:12]
    return out


for db in (u, u.ucd_3_2_0):
    print(db.unidata_version)
    for k, v in digest(db, 97).items():
        print(" ", k, v)

# Dense blocks: Latin, combining marks, Hangul, CJK compatibility.
for lo, hi in [(0xC0, 0x250), (0x300, 0x370), (0xAC00, 0xAC40), (0xF900, 0xF920),
               (0x1E00, 0x1F00), (0x2150, 0x2190)]:
    h = hashlib.sha1()
    for i in range(lo, hi):
        c = chr(i)
        h.update(repr((u.name(c, ""), u.category(c), u.numeric(c, None),
                       u.normalize("NFKD", c), u.normalize("NFC", c + "\u0327"))).encode())
    print(hex(lo), h.hexdigest()[:12])

checks = [
    lambda: u.category("ab"), lambda: u.category(1), lambda: u.decimal("a"),
    lambda: u.digit("a"), lambda: u.numeric("a"), lambda: u.name("\x00"),
    lambda: u.lookup("xyz"), lambda: u.normalize("X", "a"), lambda: u.normalize("NFC", 1),
    lambda: u.normalize(1, "a"), lambda: u.lookup("a" * 300), lambda: u.UCD(),
    lambda: u.is_normalized("NFX", "a"), lambda: u.decimal("a", default=1),
    lambda: u.ucd_3_2_0.lookup("LATIN CAPITAL LETTER GHA"), lambda: u.ucd_3_2_0.category("ab"),
    lambda: u.decimal("a", 7), lambda: u.name("\U000E0000", "none"),
]
for f in checks:
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for n in ["latin small letter a", "CJK UNIFIED IDEOGRAPH-4e00", "cjk compatibility ideograph-f900",
          "hangul syllable gag", "HANGUL SYLLABLE GAG", "nushu character-1b170",
          "KEYCAP DIGIT ONE", "keycap digit one", "nul", "LATIN CAPITAL LETTER GHA",
          "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-2A6E0",
          "CJK COMPATIBILITY IDEOGRAPH-0F900", "HANGUL SYLLABLE A", "TANGUT IDEOGRAPH-17000"]:
    try:
        print(n, ascii(u.lookup(n)))
    except KeyError as e:
        print(n, "KeyError", e)

print(u.UCD, type(u.ucd_3_2_0).__name__, [x for x in dir(u.UCD) if not x.startswith("_")])
print(u.category, u.UCD.category(u.ucd_3_2_0, "\u0378"), u.ucd_3_2_0.name("\u0378", "none"))
print(ascii(u.normalize("NFC", "e\u0301")), u.is_normalized("NFD", "\u00e9"))
print(ascii(u.normalize("NFKC", "\ufb01 \u2460 \u00bd")), ascii(u.normalize("NFD", "\uac01")))
print(u.numeric("\u2155"), u.numeric("\U00012432"), u.decimal("\u0663"), u.digit("\u2468"))
print(ascii("\N{BULLET}"), ascii("\u01c4".title()), ascii("\u01c6abc".capitalize()),
      ascii("\xdfa".title()), ascii("\ufb01x".title()))
