# Attribute loads, method loads and stores that compiled code guards
# inline from the interpreter's inline caches (class version + shape, up
# to four of each per instruction): the functions below get hot on a few
# shapes first (the default `--jit` compiles them after 200 calls, with
# that feedback), then every guard fails in turn and the helper path must
# give the interpreter's answer.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Q(P):
    pass


def work(p, n):
    t = 0
    for i in range(n):
        t += p.x + p.norm1()
        p.y = i
    return t


def poly(o):
    # One site, several classes and shapes.
    return o.x


ps = [P(i, -i) for i in range(5)]
qs = [Q(i, i) for i in range(3)]
r0 = P.__new__(P)
r0.y = 1
r0.x = 2  # the other order: another shape
for k in range(300):
    work(ps[k % 5], 3)
    poly(ps[k % 5])
    poly(qs[k % 3])
    poly(r0)
print(work(ps[0], 10), ps[0].y)
print(sum(poly(o) for o in ps + qs + [r0]))

# A shape seen for the first time: an extra attribute.
q = P(1, 2)
q.z = 5
print(work(q, 4), q.y, poly(q))

# Values spilled out of the instance (more than fit inline).
s = P(3, 4)
for name in "abcdefgh":
    setattr(s, name, name)
print(work(s, 4), s.h, poly(s))

# A __dict__ made: an instance attribute hides the method.
d = P(1, 1)
d.__dict__["norm1"] = lambda: 100
print(work(d, 3), poly(d))

# An attribute deleted: the shape changes (or the slot empties).
e = P(5, 6)
del e.x
for f in (work, poly):
    try:
        f(e, 1) if f is work else f(e)
    except AttributeError as exc:
        print("AttributeError", exc)

# Stores that replace a value whose last reference goes.
class Tracked:
    def __del__(self):
        print("freed")


t = P(Tracked(), 0)
t.y = Tracked()
for i in range(2):
    t.y = i
print("after stores", t.y)

# The class changes: its version does, every guard on it fails.
P.norm1 = lambda self: -1
print(work(ps[1], 3))
P.x = property(lambda self: 1000)
print(work(ps[2], 2), poly(ps[2]), poly(qs[0]))
del P.x
print(work(ps[3], 2), poly(ps[3]))

# Not instances at all.
class WithSlots:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 7


class K:
    x = 9


import types

print(poly(types.SimpleNamespace(x=8)), poly(WithSlots()), poly(K), poly(K()))
try:
    poly(None)
except AttributeError as exc:
    print("AttributeError", exc)
