# types.SimpleNamespace: a native type added as one file plus one line in
# the types module.
import types

ns = types.SimpleNamespace(a=1, b="two")
print(ns, ns.a, ns.b, vars(ns))
ns.c = [3]
del ns.a
print(ns, sorted(vars(ns)))
print(ns == types.SimpleNamespace(b="two", c=[3]), ns == types.SimpleNamespace(b="two"))
print(ns != types.SimpleNamespace(), ns == 1)
print(types.SimpleNamespace(), repr(types.SimpleNamespace(x=types.SimpleNamespace(y=1))))
print(type(ns), type(ns).__name__, types.SimpleNamespace.__module__, isinstance(ns, types.SimpleNamespace))
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError:", e)
try:
    ns.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    types.SimpleNamespace.x = 1
except TypeError as e:
    print("TypeError:", e)


class Point(types.SimpleNamespace):
    def norm2(self):
        return self.x * self.x + self.y * self.y


p = Point(x=3, y=4)
print(p, p.norm2(), isinstance(p, types.SimpleNamespace), Point.__mro__)


def f():
    pass


def g():
    yield 1


print(isinstance(f, types.FunctionType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(g(), types.GeneratorType), isinstance(types, types.ModuleType))
print(type(None) is types.NoneType, type(...) is types.EllipsisType)
