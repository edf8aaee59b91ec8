# Attribute access through the interpreter's inline caches: each function
# runs its LOAD_ATTR/STORE_ATTR sites many times, then the class or the
# instance changes underneath and the same sites must see it.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def m(self):
        return "P.m"


def read_x(o):
    return o.x


def call_m(o):
    return o.m()


def set_x(o, v):
    o.x = v


def add_z(o, v):
    o.z = v


ps = [P(i, -i) for i in range(50)]
print(sum(read_x(p) for p in ps), [call_m(p) for p in ps[:2]])
for p in ps:
    add_z(p, 1)
    set_x(p, 7)
print(sum(read_x(p) for p in ps), sum(p.z for p in ps))

# A data descriptor (property) added to the class wins over the instance value.
P.x = property(lambda self: "property x")
print(read_x(ps[0]), read_x(ps[1]))
del P.x
print(read_x(ps[0]))

# The method replaced on the class; then shadowed by an instance attribute.
P.m = lambda self: "new m"
print(call_m(ps[0]))
ps[1].m = lambda: "instance m"
print(call_m(ps[1]), call_m(ps[2]))

# Deleting and re-adding attributes changes the shape.
o = P(1, 2)
for _ in range(20):
    read_x(o)
del o.x
try:
    read_x(o)
except AttributeError as e:
    print("AttributeError:", e)
o.x = 5
print(read_x(o), o.__dict__)

# The instance's __dict__ materialised, then written through.
q = P(3, 4)
for _ in range(20):
    read_x(q)
q.__dict__["x"] = 30
print(read_x(q))
set_x(q, 31)
print(q.__dict__["x"], read_x(q))

# __getattr__ / __setattr__ added to the class afterwards.
print(read_x(P(8, 9)))
P.__getattr__ = lambda self, name: "fallback " + name
r = P(1, 1)
del r.x
print(read_x(r))
P.__setattr__ = lambda self, name, value: object.__setattr__(self, name, value * 2)
s = P(1, 1)
set_x(s, 21)
print(read_x(s))


# The same site seeing several classes (polymorphic), and slots.
class Q:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x


class R(P):
    pass


objs = [P(1, 0), Q(2), R(3, 0), Q(4), P(5, 0)] * 10
print(sum(read_x(v) for v in objs))
e = Q.__new__(Q)
try:
    read_x(e)
except AttributeError as err:
    print("AttributeError:", err)
set_x(e, 11)
print(read_x(e))
try:
    add_z(e, 1)
except AttributeError as err:
    print("AttributeError:", err)


# A class attribute (not a descriptor) shadowed by an instance value.
class S:
    x = "class x"


t = S()
print(read_x(t))
t.x = "instance x"
print(read_x(t), read_x(S()))
