# len() and isinstance() inline where the interpreter saw them: lists,
# tuples and strs (surrogates too) measured in compiled code, exact
# types answered there; subclasses with their own __len__, other
# containers, tuples of classes, metaclass checks, a rebound or
# deleted name and errors take the full call.
class C: pass
class D(C): pass
class L(list):
    def __len__(self): return 42
class S(str): pass
class Meta(type):
    def __instancecheck__(cls, x): return True
class M(metaclass=Meta): pass
from collections import deque
def f(xs):
    out = []
    for x in xs:
        out.append(len(x))
    return out
def g(pairs):
    return [isinstance(x, c) for x, c in pairs]
items = [[1, 2, 3], (), "héllo€", "", [], (1,), L([1]), S("abc"), {1: 2}, deque([1, 2]), b"xy", range(5), {1, 2, 3}, "\ud800x"]
for i in range(300):
    r = f(items)
print(r)
c, d, m = C(), D(), M()
pairs = [(c, C), (d, C), (c, D), (d, D), (1, int), (True, int), (c, (D, C)), (m, M), (5, M), ("s", str), (S("a"), str), (c, object), (C, type)]
for i in range(300):
    r = g(pairs)
print(r)
len = lambda x: -1
print(f(items))
def h(x):
    try:
        return len(x)
    except TypeError as e:
        return str(e)
del len
print([h(x) for x in [1, None, [1]]])
