# The fields and str() of UnicodeDecodeError, UnicodeEncodeError and
# UnicodeTranslateError: raised by the codecs and made by hand.
for f in [lambda: b"a\x8c".decode(), lambda: b"a\xe2\x82".decode(), lambda: "h\xe9llo".encode("ascii"), lambda: "ab\u20ac\u20acx".encode("latin-1"), lambda: "\ud800".encode(), lambda: "x\U0001f600".encode("ascii"), lambda: b"\xff\xfe".decode("ascii")]:
    try:
        f()
    except UnicodeError as e:
        print(type(e).__name__, repr(e.encoding), repr(e.object), e.start, e.end, repr(e.reason), "|", e, "|", repr(e), e.args)
e = UnicodeDecodeError("utf-8", b"ab", 0, 1, "bad")
print(e.encoding, e.object, e.start, e.end, e.reason, str(e))
e.start = 1
print(str(e))
print(str(UnicodeTranslateError("abc", 1, 2, "nope")), str(UnicodeTranslateError("ab\u1234", 2, 3, "nope")))
print(str(UnicodeEncodeError("ascii", "ab", 0, 2, "why")))
class MyErr(UnicodeDecodeError):
    pass
print(str(MyErr("latin-1", b"xyz", 1, 2, "r")))
print(repr(str(UnicodeError("plain"))))
