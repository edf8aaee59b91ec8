# Structural pattern matching: runtime semantics and errors (PEP 634).


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["a"]


class NonStrArgs:
    __match_args__ = (1,)


class MyInt(int):
    pass


class MyList(list):
    pass


class MyDict(dict):
    pass


class Getter:
    """A mapping-like dict subclass whose get is instrumented."""


class CountingDict(dict):
    calls = 0

    def get(self, key, default=None):
        CountingDict.calls += 1
        return super().get(key, default)


class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0


def kind(v):
    match v:
        case True:
            return "True"
        case 1:
            return "one"
        case -2:
            return "minus two"
        case 1.5:
            return "one and a half"
        case 2j:
            return "two j"
        case -1 + 2j:
            return "complex"
        case "text" | b"bytes":
            return "text-or-bytes"
        case MyInt(n):
            return f"MyInt {n}"
        case int(n):
            return f"int {n}"
        case str(s):
            return f"str {s}"
        case MyList([a, *_]):
            return f"MyList starting {a}"
        case (a, b, c):
            return f"triple {a} {b} {c}"
        case MyDict({"a": a}):
            return f"MyDict a={a}"
        case {"a": 1, **rest} if not rest:
            return "only a=1"
        case _:
            return "?"


for v in [True, 1, 1.0, False, 0, -2, 1.5, 2j, -1 + 2j, "text", b"bytes", MyInt(7), 9, "s",
          MyList([4, 5]), MyList([]), [1, 2, 3], (4, 5, 6), "abc", MyDict(a=3), {"a": 1},
          {"a": 1, "b": 2}, range(3), bytearray(b"xyz")]:
    print(repr(v), "->", kind(v))


def points(p):
    match p:
        case Point3(x, y, z):
            return ("3d", x, y, z)
        case Point(x=0, y=0):
            return ("origin",)
        case Point(x, y=5):
            return ("y is five", x)
        case Point(x, y):
            return ("2d", x, y)


print(points(Point3(1, 2, 3)), points(Point(0, 0)), points(Point(4, 5)), points(Point(6, 7)))


# Captures are bound before the guard runs, even when it fails.
def guarded(v):
    match v:
        case [x, y] if x > y:
            return "desc"
        case _:
            return f"not desc (x={x}, y={y})"


print(guarded([2, 1]), guarded([1, 2]))


# Errors a class pattern raises at run time.
def attempt(subject, which):
    try:
        if which == 0:
            match subject:
                case Point(a, b, c):
                    return "matched"
        elif which == 1:
            match subject:
                case NoArgs(a):
                    return "matched"
        elif which == 2:
            match subject:
                case BadArgs(a):
                    return "matched"
        elif which == 3:
            match subject:
                case NonStrArgs(a):
                    return "matched"
        elif which == 4:
            match subject:
                case Point(a, x=b):
                    return "matched"
        return "no match"
    except TypeError as e:
        return f"TypeError: {e}"


for which, subject in enumerate([Point(1, 2), NoArgs(), BadArgs(), NonStrArgs(), Point(1, 2)]):
    print(which, attempt(subject, which))
print(attempt(5, 1))


def not_a_class(v):
    f = len
    match v:
        case f():
            return "?"


try:
    not_a_class(1)
except TypeError as e:
    print("TypeError:", e)

# Missing attributes make a class pattern fail, not raise.
print(points(NoArgs()))
ns = NoArgs()
ns.x = 1
match ns:
    case NoArgs(x=1, y=2):
        print("wrong")
    case NoArgs(x=1):
        print("x only")

# Mapping patterns look keys up with get(key, marker): no __missing__.
d = DefaultDict(a=1)
match d:
    case {"a": 1, "b": _}:
        print("wrong")
    case {"a": a}:
        print("a", a, sorted(d))
cd = CountingDict(p=1, q=2)
match cd:
    case {"p": p, "q": q, **rest}:
        print(p, q, rest, type(rest).__name__, CountingDict.calls)

# A duplicate key found at run time (equal values through attributes).
class K:
    A = "k"
    B = "k"


try:
    match {"k": 1, "z": 2}:
        case {K.A: 1, K.B: 1}:
            pass
except ValueError as e:
    print("ValueError:", e)

# Value patterns use ==, singletons use is.
class Eq:
    def __eq__(self, other):
        print("eq called with", other)
        return True


class Holder:
    E = Eq()


match 5:
    case Holder.E:
        print("matched by __eq__")
match 0:
    case False:
        print("wrong: 0 is not False")
    case 0:
        print("0 is 0")

# Strings, bytes and bytearrays are not sequences; iterators are not either.
for v in ["ab", b"ab", bytearray(b"ab"), iter([1, 2]), {1, 2}, range(2)]:
    match v:
        case [_, _]:
            print(type(v).__name__, "is a sequence")
        case _:
            print(type(v).__name__, "is not a sequence")

# Long star patterns and subscripted star wildcards.
match list(range(10)):
    case [first, second, *_, before_last, last]:
        print(first, second, before_last, last)
match tuple(range(5)):
    case (*init, last):
        print(init, last)
match [1, [2, [3, [4]]]]:
    case [a, [b, [c, [d]]]]:
        print(a + b + c + d)

# Or-patterns with captures in different orders.
for v in [(1, "a"), ["b", 2]]:
    match v:
        case (int(n), str(s)) | [str(s), int(n)]:
            print("n", n, "s", s)


# match in loops with break / continue, and in generators and closures.
def gen(items):
    for it in items:
        match it:
            case "stop":
                break
            case "skip":
                continue
            case {"yield": v}:
                yield v
            case other:
                yield ("other", other)


print(list(gen([{"yield": 1}, "skip", 3, "stop", 4])))


def make():
    match (1, 2):
        case (a, b):
            pass
    return lambda: a + b


print(make()())


class InBody:
    match {"mode": "fast"}:
        case {"mode": mode}:
            speed = mode.upper()


print(InBody.speed, InBody.mode)
