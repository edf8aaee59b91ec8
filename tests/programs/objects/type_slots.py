# Every protocol operation goes through its type's slot: built-in types,
# classes (from their special methods, updated when the class changes),
# metaclasses (a class's slots are its metaclass's), weak proxies.
import weakref


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


class Empty:
    pass


e = Empty()
attempt("len", lambda: len(e))
attempt("bool", lambda: bool(e))
attempt("iter", lambda: iter(e))
attempt("next", lambda: next(e))
attempt("getitem", lambda: e[0])
attempt("in", lambda: 1 in e)


def setitem():
    e[0] = 1


def delitem():
    del e[0]


attempt("setitem", setitem)
attempt("delitem", delitem)

# Slots follow the class as it changes.
Empty.__len__ = lambda self: 3
attempt("len after", lambda: len(e))
attempt("bool after", lambda: bool(e))
Empty.__bool__ = lambda self: False
attempt("bool with __bool__", lambda: bool(e))
del Empty.__bool__
del Empty.__len__
attempt("len removed", lambda: len(e))
Empty.__getitem__ = lambda self, i: i * 10 if i < 3 else [][i]
attempt("sequence iteration", lambda: list(e))
attempt("in by iteration", lambda: (20 in e, 25 in e))
Empty.__contains__ = lambda self, x: x == 25
attempt("in by __contains__", lambda: (20 in e, 25 in e))


class Sub(Empty):
    pass


attempt("inherited getitem", lambda: Sub()[2])
Empty.__getitem__ = lambda self, i: "changed"
attempt("base changed", lambda: Sub()[2])


class NotIterable:
    __iter__ = None

    def __getitem__(self, i):
        return i


attempt("__iter__ = None", lambda: iter(NotIterable()))


class Unhashable:
    __hash__ = None


attempt("__hash__ = None", lambda: hash(Unhashable()))


class BadBool:
    def __bool__(self):
        return 1


attempt("bad bool", lambda: bool(BadBool()))


class NegLen:
    def __len__(self):
        return -1


attempt("negative len", lambda: len(NegLen()))
attempt("negative len truth", lambda: bool(NegLen()))


class BadIter:
    def __iter__(self):
        return [1, 2]


attempt("iter returns list", lambda: iter(BadIter()))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


attempt("iterator class", lambda: list(Countdown(3)))


class BigHash:
    def __hash__(self):
        return 2**70


attempt("big hash", lambda: hash(BigHash()) == hash(2**70))


class Meta(type):
    def __len__(cls):
        return 42

    def __iter__(cls):
        return iter("abc")

    def __getitem__(cls, k):
        return ("meta", k)

    def __contains__(cls, x):
        return x == "yes"


class WithMeta(metaclass=Meta):
    def __class_getitem__(cls, k):
        return ("class_getitem", k)


attempt("metaclass len", lambda: len(WithMeta))
attempt("metaclass iter", lambda: list(WithMeta))
attempt("metaclass getitem", lambda: WithMeta[1])
attempt("metaclass in", lambda: ("yes" in WithMeta, "no" in WithMeta))
attempt("instance of meta class", lambda: len(WithMeta()))


class Generic:
    def __class_getitem__(cls, k):
        return ("class_getitem", cls.__name__, k)


attempt("__class_getitem__", lambda: Generic[int])
attempt("len of a class", lambda: len(Generic))
attempt("iter of a class", lambda: iter(Generic))
attempt("list[int]", lambda: list[int])


class MyList(list):
    def __len__(self):
        return super().__len__() * 100


ml = MyList([1, 2])
attempt("list subclass", lambda: (len(ml), ml[1], 2 in ml, list(ml), bool(ml)))
ml[0] = 5
del ml[1]
attempt("list subclass after", lambda: (ml, len(ml)))


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k


d = {Key(1): "one"}
attempt("user key", lambda: (d[Key(1)], Key(1) in d, Key(2) in d))
del d[Key(1)]
attempt("user key deleted", lambda: d)
attempt("user key in set", lambda: Key(3) in {Key(3)})


class Index:
    def __index__(self):
        return 1


attempt("__index__ subscript", lambda: ([10, 20, 30][Index()], "abc"[Index()]))

p = weakref.proxy(Countdown(2))
attempt("proxy", lambda: bool(p))
target = [1, 2, 3]


class Holder(list):
    pass


h = Holder([4, 5])
hp = weakref.proxy(h)
attempt("proxy ops", lambda: (len(hp), hp[0], 5 in hp, list(hp), bool(hp)))
hp[0] = 9
attempt("proxy setitem", lambda: h)
attempt("proxy hash", lambda: hash(hp))
r = weakref.ref(h)
attempt("ref hash", lambda: hash(r) == hash(r))
attempt("ref len", lambda: len(r))
del h
attempt("dead proxy", lambda: len(hp))


def gen():
    yield 1


async def coro():
    pass


attempt("generator", lambda: list(gen()))
c = coro()
attempt("coroutine iter", lambda: iter(c))
attempt("coroutine next", lambda: next(c))
c.close()
attempt("map next", lambda: next(map(abs, [-3])))
attempt("int iter", lambda: iter(5))
attempt("int next", lambda: next(5))
attempt("list next", lambda: next([1]))
attempt("int in", lambda: 1 in 5)
attempt("int len", lambda: len(5))
five = 5
attempt("int subscript", lambda: five[0])


def delete(c, k):
    del c[k]


def assign(c, k):
    c[k] = 1


class Plain:
    pass


for c in [Plain(), (1,), 5, "ab", range(3), type.__dict__, None]:
    for k in [0, "x", True]:
        attempt("del " + type(c).__name__ + " " + repr(k), lambda: delete(c, k))
        attempt("set " + type(c).__name__ + " " + repr(k), lambda: assign(c, k))
ba = bytearray(b"abc")
del ba[0]
print(ba)
ba = bytearray(b"abcdefgh")
del ba[1:3]
print(ba)
del ba[::2]
print(ba)
del ba[-1]
print(ba)
attempt("bytearray del out of range", lambda: delete(ba, 10))


# repr and str
class MetaR(type):
    def __repr__(cls):
        return "<MetaR " + cls.__name__ + ">"


class R(metaclass=MetaR):
    def __str__(self):
        return "str of R"


class PlainMeta(type):
    pass


class P(metaclass=PlainMeta):
    pass


print(repr(R), str(R), [R], str(R()), repr(P), str(P), str(PlainMeta))
print(repr(R()).startswith("<__main__.R object at"))


class BadRepr:
    def __repr__(self):
        return 5


attempt("bad repr", lambda: repr(BadRepr()))
attempt("bad repr via str", lambda: str(BadRepr()))
attempt("bad repr in list", lambda: repr([BadRepr()]))


class S(set):
    pass


class L(list):
    def __repr__(self):
        return "L!" + super().__repr__()


print(repr(S()), repr(S([1])), str(L([1, 2])), [L([3])])
print(str(ValueError("a", 1)), repr(KeyError("k")), str(KeyError("k")))
rp = weakref.proxy(R())
attempt("dead proxy str", lambda: str(rp))
live = R()
lp = weakref.proxy(live)
print(str(lp), repr(lp).startswith("<weakproxy at"))
R.__repr__ = lambda self: "new R repr"
R.__str__ = lambda self: "new R str"
print(repr(live), str(live), f"{live}", "%s %r" % (live, live))
del R.__str__
print(str(live))
