# Binary operators and comparisons through the operands' slots, in
# CPython's order, whatever mix of built-in values, instances, classes
# and proxies the operands are.
import weakref


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


calls = []


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        calls.append(("add", type(self).__name__, type(other).__name__))
        if isinstance(other, (int, Num)):
            return Num(self.v + (other.v if isinstance(other, Num) else other))
        return NotImplemented

    def __radd__(self, other):
        calls.append(("radd", type(self).__name__, type(other).__name__))
        if isinstance(other, int):
            return Num(other + self.v)
        return NotImplemented

    def __lt__(self, other):
        calls.append(("lt", type(self).__name__, type(other).__name__))
        return NotImplemented

    def __gt__(self, other):
        calls.append(("gt", type(self).__name__, type(other).__name__))
        return NotImplemented

    def __repr__(self):
        return "Num(%r)" % self.v


class SubNum(Num):
    def __radd__(self, other):
        calls.append(("sub radd", type(self).__name__, type(other).__name__))
        return SubNum(999)


def show(label, f):
    del calls[:]
    attempt(label, f)
    print("  calls:", calls)


show("Num + 1", lambda: Num(1) + 1)
show("1 + Num", lambda: 1 + Num(1))
show("Num + Num", lambda: Num(1) + Num(2))
show("Num + SubNum", lambda: Num(1) + SubNum(2))
show("Num + str", lambda: Num(1) + "s")
show("str + Num", lambda: "s" + Num(1))
show("Num < Num", lambda: Num(1) < Num(2))
show("Num < 1", lambda: Num(1) < 1)
show("1 < Num", lambda: 1 < Num(1))
show("Num == Num", lambda: Num(1) == Num(1))
show("Num < SubNum", lambda: Num(1) < SubNum(1))


def iadd():
    n = Num(1)
    n += 5
    return n


show("Num += 5", iadd)


class Vec:
    def __init__(self, xs):
        self.xs = list(xs)

    def __iadd__(self, other):
        self.xs.extend(other)
        return self

    def __repr__(self):
        return "Vec(%r)" % self.xs


def viadd():
    v = Vec([1])
    w = v
    v += [2, 3]
    return v, v is w


attempt("Vec += list", viadd)


def vadd():
    v = Vec([1])
    return v + [2]


attempt("Vec + list", vadd)


class Idx:
    def __index__(self):
        return 2


attempt("list * Idx", lambda: [1, 2] * Idx())
attempt("Idx * str", lambda: Idx() * "ab")
attempt("str * float", lambda: "ab" * 1.5)
attempt("percent", lambda: "%s and %r" % (Num(1), Num(2)))
attempt("percent one", lambda: "<%s>" % Num(3))
attempt("1 < int", lambda: 1 < int)
attempt("int < 1", lambda: int < 1)
attempt("int == int", lambda: (int == int, int != str, int == 1))
attempt("int + 1", lambda: int + 1)
attempt("None | int", lambda: None | int)
attempt("int | str", lambda: int | str)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


attempt("metaclass union", lambda: (WithMeta | None, None | WithMeta))


class OrMeta(type):
    def __or__(cls, other):
        return "OrMeta.__or__"

    def __ror__(cls, other):
        return "OrMeta.__ror__"


class WithOr(metaclass=OrMeta):
    pass


attempt("metaclass __or__", lambda: (WithOr | int, int | WithOr))


class MyList(list):
    pass


attempt("list + MyList", lambda: [1] + MyList([2]))
attempt("MyList + list", lambda: MyList([1]) + [2])
attempt("MyList == list", lambda: (MyList([1]) == [1], [1] == MyList([1])))
attempt("MyList < list", lambda: MyList([1]) < [2])


class MySet(set):
    pass


attempt("set | MySet", lambda: sorted({1} | MySet({2})))
attempt("dict views", lambda: sorted({1: 2, 3: 4}.keys() & {3}))
attempt("dict | dict", lambda: {1: 2} | {3: 4})


def dict_ior():
    d = {1: 2}
    d |= [(5, 6)]
    return d


attempt("dict |= pairs", dict_ior)
attempt("dict | list", lambda: {1: 2} | [(5, 6)])


class Target:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return "Target + %r" % (other,)

    def __radd__(self, other):
        return "%r + Target" % (other,)

    def __eq__(self, other):
        return "eq called"

    __hash__ = object.__hash__


t = Target(1)
p = weakref.proxy(t)
attempt("proxy + 1", lambda: p + 1)
attempt("1 + proxy", lambda: 1 + p)
attempt("proxy == 1", lambda: p == 1)


def proxy_iadd():
    q = p
    q += 2
    return q


attempt("proxy += 2", proxy_iadd)


class Eq:
    def __eq__(self, other):
        return "custom"


attempt("list of Eq ==", lambda: ([Eq()] == [Eq()], (Eq(),) == (1,)))
attempt("Eq in list", lambda: Eq() in [1])
attempt("sorted mixed", lambda: sorted([3, 1.5, True]))
attempt("sorted bad", lambda: sorted([1, "a"]))
attempt("None < None", lambda: None < None)
attempt("object() + 1", lambda: object() + 1)
attempt("1 - object()", lambda: 1 - object())


def isub():
    x = object()
    x -= 1


attempt("object -= 1", isub)
attempt("bytes + str", lambda: b"a" + "b")
attempt("tuple + list", lambda: (1,) + [2])
attempt("complex", lambda: (1 + 2j) * Num(1))


def augmented(x, y):
    x += y
    return x


def augmented_sub(x, y):
    x -= y
    return x


attempt("int += str", lambda: augmented(1, "a"))
attempt("None += int", lambda: augmented(None, 1))
attempt("list -= int", lambda: augmented_sub([1], 1))
attempt("str += int", lambda: augmented("a", 1))
attempt("tuple += list", lambda: augmented((1,), [2]))
attempt("list += tuple", lambda: augmented([1], (2,)))
attempt("float -= str", lambda: augmented_sub(1.5, "x"))


# Unary operators and abs() through the unary slot.
class Neg:
    def __neg__(self):
        return "neg"

    def __abs__(self):
        return "abs"


attempt("unary", lambda: (-Neg(), abs(Neg()), -5, +True, ~7, abs(-2**70), abs(-3.5), abs(3 - 4j)))
attempt("missing +", lambda: +Neg())
attempt("missing ~", lambda: ~Neg())
attempt("abs of str", lambda: abs("x"))
attempt("neg of list", lambda: -[1])
attempt("neg proxy", lambda: -weakref.proxy(Neg()))
n = Neg()
attempt("live proxy", lambda: (-weakref.proxy(n), abs(weakref.proxy(n))))


class MyInt(int):
    pass


attempt("int subclass", lambda: (-MyInt(3), abs(MyInt(-4)), ~MyInt(0), type(-MyInt(3)).__name__))
