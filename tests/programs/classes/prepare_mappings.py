# A metaclass's __prepare__ may return any mapping: the class body's names
# go through its __setitem__ / __getitem__ / __delitem__.
class Recorder(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        self.order.append(key)
        super().__setitem__(key, value)
    def __getitem__(self, key):
        if key == "magic":
            return 42
        return super().__getitem__(key)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        return Recorder()
    def __new__(mcls, name, bases, ns, **kw):
        print("order:", [k for k in getattr(ns, "order", ns) if not k.startswith("__")])
        return super().__new__(mcls, name, bases, dict(ns))

class A(metaclass=Meta):
    x = 1
    y = magic + 1
    z: int = 3
    del x
    def f(self):
        return self.y

print(A.y, A().f(), hasattr(A, "x"), A.__annotations__, A.__class__.__name__, type(A).__name__)
print(A.__class__ is Meta, int.__class__, type(3).__class__)

class I(int):
    def __repr__(self):
        return "I:" + self.__class__.__name__
print(repr(I(5)), I(5).__class__.__name__)

class Base(metaclass=Meta):
    pass
C = type("C", (Base,), {"q": 1})
print(type(C).__name__, C.q)

class N:
    pass
try:
    class Bad(metaclass=type("M2", (type,), {"__prepare__": classmethod(lambda m, n, b: 5)})):
        pass
except TypeError as e:
    print("TypeError:", e)
