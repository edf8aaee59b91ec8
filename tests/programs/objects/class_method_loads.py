# LOAD_METHOD on a class (`C.make()`, `C.twice(x)`, `C.plain(obj)`,
# `cls.make()` in a classmethod) specialised after warming up: the
# function with the class as receiver for a classmethod, none for a
# function or staticmethod; invalidated by rebinding on the class or a
# base, and other classes, metaclasses and instances at the same site.

class K:
    def __init__(self, v=0):
        self.v = v

    @classmethod
    def make(cls, v=1):
        return cls(v)

    @staticmethod
    def twice(v):
        return 2 * v

    def plain(self):
        return ("plain", self.v)

    @classmethod
    def chain(cls, n):
        if n == 0:
            return cls.make(n)
        return cls.chain(n - 1)

class Sub(K):
    pass

def use(C, x):
    return C.make().v, C.twice(x), C.plain(C(x)), type(C.chain(3)).__name__

for i in range(10):
    use(K, i)
    use(Sub, i)
print(use(K, 5), use(Sub, 6))

K.twice = staticmethod(lambda v: ("new twice", v))
print(use(K, 1), use(Sub, 2))
Sub.make = classmethod(lambda cls, v=9: K(("sub make", cls.__name__)))
print(use(Sub, 3), use(K, 3))
del Sub.make
print(use(Sub, 4))

class Meta(type):
    def make(cls):
        return "metaclass make"

class WithMeta(metaclass=Meta):
    @staticmethod
    def twice(v):
        return ("meta twice", v)

    @staticmethod
    def plain(x):
        return ("meta plain", x)

    def __init__(self, v=0):
        self.v = v

    @classmethod
    def chain(cls, n):
        return cls

print(WithMeta.make(), WithMeta.twice(1))

class Inst:
    def make(self):
        return K(42)

    def twice(self, x):
        return ("inst", x)

    def plain(self, x):
        return ("inst plain", x)

    def chain(self, n):
        return self

    def __call__(self, x):
        return x

print(use(Inst(), 7)[:3])

import math
def mod_call(m, x):
    return m.floor(x), m.sqrt(x)

for _ in range(10):
    mod_call(math, 4.5)
print(mod_call(math, 16.0))

def kw(C):
    return C.make(v=5).v

for _ in range(5):
    kw(K)
print(kw(K))
try:
    K.twice()
except TypeError as e:
    print("TypeError", e)
