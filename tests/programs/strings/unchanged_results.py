# Str and tuple operations that leave their operand unchanged give the
# operand itself, and one-character strs of Latin-1 are shared, as in
# CPython: identity, and the values, for exact strs and subclasses.
s = "hello"
t = (1, 2, 3)
h = s[0]
print(s.strip() is s, s.lstrip() is s, s.rstrip("z") is s)
print(s.replace("z", "y") is s, s.replace("l", "L", 0) is s, s.replace("l", "L"))
print(s[:] is s, s[0:5] is s, s[::1] is s, s[::-1], s[1:] is s)
print(s[0] is h, s[-1] is s[4 - 1 + 1], chr(104) is h, list(s)[0] is h)
e = "é€"
print(e[0] is "xé"[1:], e[0] == "é", e[1], [c for c in e])
print(t[:] is t, t[0:3] is t, t[::1] is t, t[::-1], t[1:])
print(" a ".strip(), "aXa".replace("X", ""), "abc".replace("", "-", 0), "".replace("", "x"))


class S(str):
    pass


x = S(" ab ")
y = S("ab")
for r in (x.strip(), y.strip(), y[:], y.replace("q", "r"), y[0]):
    print(repr(r), type(r).__name__, r is y)


class T(tuple):
    pass


u = T((1, 2))
print(type(u[:]).__name__, u[:] is u, u[:])
for c in "abcabc":
    if c is not "abc"[("abc".index(c))]:
        print("not shared", c)
print(sum(1 for c in "hello world" * 100 if c is h))
