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


# A lent local, then a load that may raise (the index possibly unbound):
# the error must not release the lent container.
def maybe_index(lst, flag):
    if flag:
        i = 0
    return lst[i]


def maybe_operand(a, flag):
    if flag:
        b = [1]
    return a + b


keep = [[7], [8]]
for flag in (True, False, True, False):
    try:
        print(maybe_index(keep, flag), maybe_operand(keep, flag))
    except UnboundLocalError as exc:
        print("UnboundLocalError", exc)
print(keep, sys.getrefcount(keep) > 1)


# Operators and comparisons on lent locals: objects and their errors.
def ops(s, t, lst, n):
    out = []
    for _ in range(n):
        out.append(s + t)
        out.append(s < t)
        out.append(lst == lst)
        out.append(lst * 2)
    return out


print(ops("ab", "cd", [1], 2))
for args in (("ab", 1, [1], 1), ([1], "x", [2], 1)):
    try:
        ops(*args)
    except TypeError as exc:
        print("TypeError", exc)
