# Class attribute changes reach instances and subclasses at once (version
# tags), however often the lookup was cached before.


class A:
    def f(self):
        return "A.f"

    k = 1


class B(A):
    pass


class C(B):
    pass


c = C()
for _ in range(3):
    print(c.f(), c.k, C.k)

A.f = lambda self: "new A.f"
print(c.f())
B.f = lambda self: "B.f"
print(c.f(), A().f())
del B.f
print(c.f())
A.k = 2
print(c.k, C.k, B.k)
C.k = 3
print(c.k, B().k)
del A.k
print(c.k)
try:
    B().k
except AttributeError as e:
    print("AttributeError:", e)

# Special methods added after instances exist.
x = C()
try:
    len(x)
except TypeError as e:
    print("TypeError:", e)
A.__len__ = lambda self: 42
print(len(x))
B.__len__ = lambda self: 7
print(len(x), len(A()))

# A property added later wins over the instance attribute.
x.p = "instance"
print(x.p)
A.p = property(lambda self: "property")
print(x.p)

# Classes made and dropped in a loop: a new class never sees a dead
# class's cached lookups.
for i in range(200):
    class T:
        v = i

    if T().v != i:
        print("stale", i)
print("done")

# Subclasses made after a lookup was cached.
class Base:
    def g(self):
        return "Base.g"


print(Base().g())


class Derived(Base):
    pass


print(Derived().g())
Base.g = lambda self: "Base.g v2"
print(Derived().g())

# __getattr__ added after instances exist.
class H:
    pass


h = H()
print(hasattr(h, "anything"))
H.__getattr__ = lambda self, name: "dynamic " + name
print(h.anything)
del H.__getattr__
print(hasattr(h, "anything"))
