# Instance attributes kept in shapes: orders, deletion, __dict__ made on
# demand and kept consistent both ways, slots as fixed positions, many
# attributes.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
c = P(5, 6)
c.z = 7
print(a.x, a.y, b.x, b.y, c.x, c.y, c.z)
print(hasattr(a, "z"), hasattr(c, "z"))

# The same attributes in another order.
d = P.__new__(P)
d.y = 10
d.x = 20
print(d.x, d.y, vars(d))

# Deleting, re-adding, deleting the first attribute.
del c.x
print(hasattr(c, "x"), c.y, c.z, vars(c))
c.x = 99
print(vars(c))
del c.y
del c.z
print(vars(c))
try:
    del c.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    c.y
except AttributeError as e:
    print("AttributeError:", e)

# __dict__: a view that stays in step with attribute access.
e = P(1, 2)
dd = e.__dict__
dd["w"] = 3
print(e.w)
e.v = 4
print(dd)
del e.x
print(dd, "x" in dd)
dd.clear()
print(hasattr(e, "y"), vars(e))
e.__dict__.update(a=1, b=2)
print(e.a, e.b, sorted(vars(e)))
print(e.__dict__ is e.__dict__)

# Many attributes.
class Many:
    pass


m = Many()
for i in range(100):
    setattr(m, "a%d" % i, i * i)
print(m.a0, m.a47, m.a48, m.a99, len(vars(m)))
for i in range(0, 100, 2):
    delattr(m, "a%d" % i)
print(len(vars(m)), m.a1, m.a99, hasattr(m, "a50"))

# Shapes are per class: the same names in two classes.
class Q:
    def __init__(self, x, y):
        self.y = y
        self.x = x


q = Q(1, 2)
print(q.x, q.y, list(vars(q)), list(vars(P(1, 2))))

# Slots: fixed positions, empty until set, deletable.
class S:
    __slots__ = ("a", "b")

    def __init__(self):
        self.b = 2


s = S()
print(s.b, hasattr(s, "a"))
try:
    s.a
except AttributeError as e:
    print("AttributeError:", e)
s.a = 1
print(s.a, s.b)
del s.a
print(hasattr(s, "a"))
try:
    del s.a
except AttributeError as e:
    print("AttributeError:", e)
try:
    s.c = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    s.__dict__
except AttributeError as e:
    print("AttributeError:", e)


class S2(S):
    __slots__ = ("c",)


s2 = S2()
s2.c = 3
s2.a = 1
print(s2.a, s2.b, s2.c)

# Instances of a subclass without slots get a dict beside the slots.
class S3(S):
    pass


s3 = S3()
s3.extra = 5
print(s3.b, s3.extra, vars(s3))

# dir() lists instance attributes.
print([n for n in dir(P(1, 2)) if not n.startswith("__")])

# An attribute that shadows a method, then is deleted.
class M:
    def f(self):
        return "method"


o = M()
o.f = lambda: "instance"
print(o.f())
del o.f
print(o.f())
