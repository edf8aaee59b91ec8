# Locals lent to the instruction that reads them (LOAD_FAST before
# LOAD_ATTR, STORE_ATTR or BINARY_SUBSCR takes no reference): results,
# errors raised with lent operands (which must not be released twice),
# and a local rebound from its own element.
import sys
import traceback


class Box:
    def __init__(self, v):
        self.v = v


class Picky:
    def __getitem__(self, k):
        if k == "bad":
            raise KeyError(k)
        return [k]


def subscripts(lst, d, p, i, k):
    out = []
    for _ in range(3):
        out.append(lst[i])
        out.append(lst[-1])
        out.append(d[k])
        out.append(p[i])
    a = lst
    a = a[0]
    out.append(a)
    return out


def errors(lst, d, p):
    caught = []
    for key in (10, "x", "bad"):
        for container in (lst, d, p):
            try:
                container[key]
            except (IndexError, KeyError, TypeError) as exc:
                caught.append(type(exc).__name__)
    try:
        lst[lst]
    except TypeError as exc:
        caught.append(str(exc))
    return caught


def attrs(b, n):
    for i in range(n):
        b.v = b.v + i
    return b.v


for _ in range(250):
    r1 = subscripts([[1], 2, 3], {"k": "v"}, Picky(), 1, "k")
    r2 = errors([0], {"k": 1}, Picky())
    r3 = attrs(Box(0), 4)
print(r1)
print(r2)
print(r3)
try:
    attrs(Box("s"), 2)
except TypeError:
    traceback.print_exc(file=sys.stdout)
try:
    subscripts([], {}, Picky(), 0, "k")
except IndexError:
    traceback.print_exc(file=sys.stdout)
