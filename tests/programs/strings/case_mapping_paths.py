# str.upper / str.lower on every path: ASCII (mapped in one pass), other
# text, lone surrogates, str subclasses, bad calls.
class S(str):
    pass

for s in ["hello", "", "MiXeD 123 !?", "a" * 40, "straße", "ǅ", "İ", "\udc80abc", "x\ud800Y"]:
    u, l = s.upper(), s.lower()
    print(ascii(u), ascii(l), len(u), len(l), u == s.upper(), type(u).__name__)
print(S("abc").upper(), type(S("abc").upper()).__name__, S("ÀB").lower())
print(str.upper("qq"), str.lower("QQ"), list(map(str.upper, ["a", "b"])))
for bad in [lambda: "a".upper(1), lambda: str.upper(5), lambda: "a".lower(x=1), lambda: str.lower()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
# Results are new strs, usable as dict keys and compared by value.
d = {"ABC": 1}
print(d["abc".upper()], "abc".upper() is not "abc".upper(), hash("ab".upper()) == hash("AB"))
for m in ["casefold", "swapcase", "title", "capitalize"]:
    for bad in [lambda: getattr("a", m)(1), lambda: getattr("a", m)(x=1), lambda: getattr(str, m)(5)]:
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
