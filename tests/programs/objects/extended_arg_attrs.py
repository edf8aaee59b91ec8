# Attribute instructions with more than 256 names (EXTENDED_ARG prefixes)
# and loops long enough for prefixed jumps take the same fast paths as
# short ones: caches hit, miss, and see the class change.
names = ["a%d" % i for i in range(300)]
src = ["class C:", "    pass", "def f(o, n):", "    t = 0", "    for _ in range(n):"]
for k in names:
    src.append("        o.%s = 1" % k)
    src.append("        t += o.%s" % k)
src.append("    return t")
ns = {}
exec("\n".join(src), ns)
C, f = ns["C"], ns["f"]
print(f(C(), 3))
o = C()
f(o, 1)
C.a299 = property(lambda self: 100)
try:
    f(o, 1)
except AttributeError:
    print("AttributeError")
del C.a299
print(f(o, 2), o.a0, o.a299)
