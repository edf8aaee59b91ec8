# Specialised instructions must notice when what they specialised on
# changes: a class, a global, a builtin, an instance's shape, an operand's
# type. Each scenario warms a site up, changes something, and checks the
# result (the interpreter specialises after one or two executions).
import builtins


class C:
    def __init__(self, v):
        self.v = v

    def m(self):
        return "m1"


def call_m(o):
    return o.m()


def get_v(o):
    return o.v


def set_v(o, x):
    o.v = x


o = C(1)
print([call_m(o) for _ in range(5)])
C.m = lambda self: "m2"                 # class attribute rebound
print([call_m(o) for _ in range(3)])
o.m = lambda: "instance"                # shadowed by the instance
print(call_m(o))
del o.m
print(call_m(o))

print([get_v(C(i)) for i in range(5)])
C.v = property(lambda self: "prop", lambda self, x: None)  # a data descriptor wins
print(get_v(C(7)))
del C.v
print(get_v(C(8)))

a = C(0)
for i in range(5):
    set_v(a, i)
print(a.v)
a.__dict__["w"] = 1                     # another shape
set_v(a, 42)
print(a.v, a.w)
b = C(0)
del b.v                                 # the slot emptied
try:
    get_v(b)
except AttributeError as e:
    print("AttributeError", e)


def use_len(x):
    return len(x)


print([use_len("abc") for _ in range(4)])
len = lambda x: "shadowed"              # a global shadows the builtin
print(use_len("abc"))
del len
print(use_len("abcd"))
original_len = builtins.len
builtins.len = lambda x: "patched"      # the builtin itself rebound
print(use_len("abc"))
del builtins.len
try:
    use_len("x")
except NameError as e:
    print("NameError", e)
builtins.len = original_len
print(use_len("restored"))

G = 10


def read_g():
    return G


print([read_g() for _ in range(3)])
G = 20
print(read_g())
globals()["G"] = "via globals()"
print(read_g())


def add(a, b):
    return a + b


print([add(i, 1) for i in range(4)])
print(add(2**62, 2**62))                # overflow past the int fast path
print(add(1.5, 2))                      # mixed types
print(add("x", "y"), add([1], [2]))


class S(str):
    def __add__(self, other):
        return "S.__add__"

    def __eq__(self, other):
        return "S.__eq__"

    __hash__ = str.__hash__


print(add("a", "b"), add(S("a"), "b"))


def same(a, b):
    return a == b


print([same("p", "p") for _ in range(3)], same(S("p"), "p"), same(1, 1.0))


def lt(a, b):
    if a < b:
        return "lt"
    return "ge"


print([lt(i, 2) for i in range(4)], lt(1.5, 2.5), lt("a", "b"), lt(2**70, 3))


def first(xs):
    return xs[0]


print([first([i]) for i in range(3)], first((9,)), first({0: "d"}), first("str"))
try:
    first([])
except IndexError as e:
    print("IndexError", e)


class D(dict):
    def __missing__(self, k):
        return "missing " + repr(k)


def lookup(d, k):
    return d[k]


print([lookup({"a": 1}, "a") for _ in range(3)], lookup(D(), "zz"))
try:
    lookup({"a": 1}, "b")
except KeyError as e:
    print("KeyError", e)


def store(xs, i, v):
    xs[i] = v
    return xs


print([store([0, 0], 1, i) for i in range(3)], store({}, "k", 1))
try:
    store([0], 5, 1)
except IndexError as e:
    print("IndexError", e)


def unpack(seq):
    a, b = seq
    return a, b


print([unpack((i, i)) for i in range(3)], unpack([1, 2]), unpack("xy"))
try:
    unpack((1, 2, 3))
except ValueError as e:
    print("ValueError", e)


def walk(it):
    return [x for x in it]


print([walk([1, 2]) for _ in range(3)], walk(range(3)), walk(x * 2 for x in range(3)))


def make(k, *args):
    return k(*args) if args else k(1)


class K:
    def __init__(self, x):
        self.x = x


print([make(K).x for _ in range(4)])
K.__init__ = lambda self, x: setattr(self, "x", x * 100)   # __init__ replaced
print(make(K).x)


def make_one(k):
    return k(1)


print([type(make_one(K)).__name__ for _ in range(3)], make_one(str), make_one(float))


def defaults(a, b=2, c=3):
    return a + b + c


def call_defaults():
    return defaults(1)


print([call_defaults() for _ in range(3)])
defaults.__defaults__ = (20, 30)
print(call_defaults())


def kind(x):
    return type(x)


print([kind(1).__name__ for _ in range(3)], kind("s").__name__)


def meth(s):
    return s.upper()


print([meth("ab") for _ in range(3)], meth(b"ab"))


class U:
    def upper(self):
        return "U.upper"


print(meth(U()))


class Sub(C):
    pass


def is_c(x, cls):
    return isinstance(x, cls)


print([is_c(C(1), C) for _ in range(3)], is_c(Sub(1), C), is_c(1, C), is_c(1, (str, int)))
original_isinstance = builtins.isinstance
builtins.isinstance = lambda x, cls: "patched isinstance"
print(is_c(C(1), C))
builtins.isinstance = original_isinstance
print(is_c(C(1), C))


class Sized:
    def __len__(self):
        return 7


print([use_len(x) for x in ([1, 2], (1,), "héllo", {1: 2}, Sized(), range(4), b"ab", {5})])

import math  # noqa: E402
import types  # noqa: E402


def root(x):
    return math.sqrt(x), math.pi > 3


print([root(4.0) for _ in range(3)])
original_sqrt = math.sqrt
math.sqrt = lambda x: "patched sqrt"    # a module attribute rebound
print(root(4.0))
del math.sqrt
try:
    root(4.0)
except AttributeError as e:
    print("AttributeError", e)
math.sqrt = original_sqrt
print(root(9.0))

mod = types.ModuleType("mod")
mod.value = 1
mod.__getattr__ = lambda name: "module __getattr__ " + name


def read_mod():
    return mod.value


print([read_mod() for _ in range(3)])
del mod.value
print(read_mod())
mod.value = 2
print(read_mod())


# A method found on a base class: the cached function must not outlive a
# change to the base (the base's function is replaced and released, then
# removed so the lookup falls through to the next base).
class Base0:
    def who(self):
        return "Base0"


class Base1(Base0):
    def who(self):
        return "Base1"


class Leaf(Base1):
    pass


def ask(o):
    return o.who()


leaf = Leaf()
print([ask(leaf) for _ in range(4)])
Base1.who = lambda self: "Base1 again"
print([ask(leaf) for _ in range(3)])
del Base1.who
print([ask(leaf) for _ in range(3)])
Leaf.who = lambda self: "Leaf"
print(ask(leaf), ask(Base1()))
