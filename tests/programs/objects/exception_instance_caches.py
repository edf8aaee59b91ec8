"""Attribute caches on exception instances and plain instances at one site,
and instances made by BaseException.__new__ (exception state by class)."""
class E(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.code = 3
    def m(self):
        return self.code
class P:
    def __init__(self):
        self.code = 4
def get(o):
    return o.code
def setc(o, v):
    o.code = v
for i in range(200):
    objs = [E("x"), P()]
    for o in objs:
        setc(o, i)
        assert get(o) == i
        assert o.code == i
e = E("boom")
print(e.args, e.code, e.m(), str(e))
x = BaseException.__new__(E)
print(type(x).__name__, x.args)
class S:
    __slots__ = ("a", "b")
s = S(); s.a = 1
del s.a
print(hasattr(s, "a"))
