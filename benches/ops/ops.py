"""Per-operation micro-benchmarks (issue 9's table).

Each benchmark is a function whose loop body repeats one operation ten
times; an empty loop of the same length is timed the same way and its
time subtracted, so what is printed is the cost of the operation alone,
in nanoseconds. benches/ops.py runs this file with every engine side by
side. Prints one line per operation: `name nanoseconds`.
"""
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200000


class C:
    def __init__(self, a, b):
        self.x = a
        self.y = b
        self.z = a
        self.w = b

    def m(self, a):
        return a


class E(Exception):
    pass


def empty(n):
    o = C(1, 2)
    for _ in range(n):
        pass
    return o


def attr_load(n):
    o = C(1, 2)
    for _ in range(n):
        o.x; o.x; o.x; o.x; o.x; o.x; o.x; o.x; o.x; o.x
    return o


def attr_store(n):
    o = C(1, 2)
    for _ in range(n):
        o.x = 1; o.x = 2; o.x = 3; o.x = 4; o.x = 5; o.x = 6; o.x = 7; o.x = 8; o.x = 9; o.x = 0
    return o


def method_call(n):
    o = C(1, 2)
    for _ in range(n):
        o.m(1); o.m(1); o.m(1); o.m(1); o.m(1); o.m(1); o.m(1); o.m(1); o.m(1); o.m(1)
    return o


def construct(n):
    for _ in range(n):
        C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2); C(1, 2)


def isinstance_check(n):
    o = C(1, 2)
    for _ in range(n):
        isinstance(o, C); isinstance(o, C); isinstance(o, C); isinstance(o, C); isinstance(o, C)
        isinstance(o, C); isinstance(o, C); isinstance(o, C); isinstance(o, C); isinstance(o, C)


def type_is(n):
    x = 5
    T = int
    for _ in range(n):
        type(x) is T; type(x) is T; type(x) is T; type(x) is T; type(x) is T
        type(x) is T; type(x) is T; type(x) is T; type(x) is T; type(x) is T


def list_len(n):
    lst = [1, 2, 3]
    for _ in range(n):
        len(lst); len(lst); len(lst); len(lst); len(lst); len(lst); len(lst); len(lst); len(lst); len(lst)


def str_upper(n):
    s = "hello"
    for _ in range(n):
        s.upper(); s.upper(); s.upper(); s.upper(); s.upper(); s.upper(); s.upper(); s.upper(); s.upper(); s.upper()


def dict_get_str(n):
    d = {"alpha": 1, "beta": 2, "gamma": 3}
    k = "beta"
    for _ in range(n):
        d[k]; d[k]; d[k]; d[k]; d[k]; d[k]; d[k]; d[k]; d[k]; d[k]


def raise_catch(n):
    for _ in range(n):
        for _ in range(10):
            try:
                raise E
            except E:
                pass


def empty_nested(n):
    for _ in range(n):
        for _ in range(10):
            pass


BENCHES = [
    ("o.x", attr_load, empty),
    ("o.x = v", attr_store, empty),
    ("o.m(a)", method_call, empty),
    ("C(a, b)", construct, empty),
    ("isinstance(o, C)", isinstance_check, empty),
    ("type(x) is T", type_is, empty),
    ("len(lst)", list_len, empty),
    ("s.upper()", str_upper, empty),
    ("d[k] (str key)", dict_get_str, empty),
    ("raise/except", raise_catch, empty_nested),
]


def timed(f, n):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        f(n)
        t = time.perf_counter() - t
        best = t if best is None or t < best else best
    return best


for name, f, base in BENCHES:
    n = N // 10 if f is construct or f is raise_catch else N
    cost = (timed(f, n) - timed(base, n)) / (n * 10) * 1e9
    print("%s\t%.1f" % (name, max(cost, 0.0)))
