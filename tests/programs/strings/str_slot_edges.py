# str's slot wrappers and small contracts, as CPython 3.11 keeps them:
# `__mod__`/`__mul__` called by name raise rather than return
# NotImplemented, `%` and `format` use a str subclass's own `__str__`,
# float subclasses format with %f, one-element joins and `* 1` return
# the same object, `__getnewargs__` copies, and the messages of
# expandtabs, maketrans, "{0.}" and str indexing.
import enum

tests = [
    lambda: "%(foo)s".__mod__(42), lambda: "%(foo)s" % 42, lambda: "abc".__mul__(""),
    lambda: "abc".__rmul__(""), lambda: [1].__mul__(2.5), lambda: (1,).__rmul__(2),
    lambda: "a".__rmod__(5), lambda: b"%d".__mod__(3), lambda: "ab".__mul__(True),
    lambda: "hello".expandtabs(42, 42),
    lambda: "{0.}".format(0), lambda: "{0.a.}".format(0), lambda: str.maketrans("abc", "def", 2),
    lambda: str.maketrans("ab", 1),
]
for t in tests:
    try:
        print(repr(t()))
    except Exception as e:
        print(type(e).__name__, e)

key = "".join(["x"])
for index in [key, 1.5, None]:
    try:
        "abc"[index]
    except TypeError as e:
        print("TypeError", e)

text = "ab" + str(3)
print(text.__getnewargs__()[0] is text, text.__getnewargs__()[0] == text)
print("".join([text]) is text, "-".join([text]) is text, text * 1 is text, 1 * text is text)
t = (1, 2)
print(t * 1 is t, [1] * 1)


class S(str):
    def __str__(self):
        return "__str__ overridden"


s = S("xxx")
print("%s" % s, "{}".format(s), f"{s}", "%s" % (s,), "%r" % s, type(s * 1).__name__,
      "".join([s]) is s, type("".join([s])).__name__)
print("%s".__mod__(s), s.__rmod__("<%s>"), S("%s") % 1)


class B(bytes):
    pass


print(b"%s" % B(b"x"), B(b"%s") % b"y", b"%s".__mod__(B(b"z")), B(b"q").__rmod__(b"%s"))


class Float(float, enum.Enum):
    PI = 3.1415926


print("%f %5.2f %d %e" % (Float.PI, Float.PI, 3.0, Float.PI))
