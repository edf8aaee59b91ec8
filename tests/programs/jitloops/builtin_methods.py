# Methods of built-in types loaded by compiled code from type feedback
# (the value's tag or heap kind guards the method the interpreter's cache
# holds), then called with values of other types and of subclasses.
def f(s, l, d, x):
    a = s.upper()
    l.append(a)
    b = d.get(a, 0)
    c = x.bit_length()
    return a, b, c, len(l)
for i in range(300):
    r = f("ab", [], {"AB": 1}, i)
print(r)
print(f(b"ab", [], {}, 3.5) if False else f("q", [1], {}, True))
class S(str):
    def upper(self):
        return "overridden"
print(f(S("x"), [], {}, 7))
try:
    f(1, [], {}, 1)
except AttributeError as e:
    print("AttributeError", e)
print(f("z", (), {}, 1) if False else "ok")
try:
    f("z", (), {}, 1)
except AttributeError as e:
    print("AttributeError", e)
try:
    f("z", [], {}, 1.5)
except AttributeError as e:
    print("AttributeError", e)
