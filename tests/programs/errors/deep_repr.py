# Container reprs count against the recursion limit, as CPython's do:
# nesting too deep to print is a RecursionError, cycles print as [...].
import sys


def nest(make, depth):
    v = make(None)
    for _ in range(depth):
        v = make(v)
    return v


for name, make in [("list", lambda v: [v]), ("tuple", lambda v: (v,)),
                   ("dict", lambda v: {1: v})]:
    shallow = nest(make, 50)
    print(name, len(repr(shallow)))
    deep = nest(make, 100000)
    try:
        repr(deep)
    except RecursionError as e:
        print(name, "RecursionError:", e)
    try:
        str(deep)
    except RecursionError as e:
        print(name, "str RecursionError:", e)

# A cycle is printed once.
a = [1]
a.append(a)
d = {"k": 1}
d["self"] = d
print(a, d)

# The limit applies to nesting plus the Python frames below it.
sys.setrecursionlimit(200)


def at_depth(n, v):
    if n == 0:
        return repr(v)
    return at_depth(n - 1, v)


print(len(at_depth(10, nest(lambda v: [v], 150))))
try:
    at_depth(100, nest(lambda v: [v], 150))
except RecursionError as e:
    print("RecursionError:", e)
