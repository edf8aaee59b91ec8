# object.__getstate__ (3.11): None, the instance dict itself, or (dict, slots).
class A: pass
a=A(); print(a.__getstate__()); a.x=1; print(a.__getstate__(), a.__getstate__() is a.__dict__)
class S:
    __slots__=("p","q")
s=S(); print(s.__getstate__()); s.p=1; print(s.__getstate__())
class D(S): pass
d=D(); d.p=2; d.z=3; print(d.__getstate__())
print((5).__getstate__(), [1].__getstate__())
class E(Exception): pass
print(E("x").__getstate__())
