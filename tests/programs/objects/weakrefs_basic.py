# Weak references: targets, shared callback-less refs, callbacks run when
# the target dies (also in a collected cycle), hashing and equality,
# what can and cannot be referenced, an exception in a callback.
import _weakref as weakref
import gc
class A:
    pass
a = A()
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, weakref.getweakrefcount(a), r.__callback__)
print(type(r).__name__, isinstance(r, weakref.ref))
def cb(w):
    print("callback", w is r2, w())
r2 = weakref.ref(a, cb)
print(weakref.getweakrefcount(a), r2 is r, r == r2, hash(r) == hash(a))
del a
print("after del", r(), r2())
b = A()
b.me = b
rb = weakref.ref(b, lambda w: print("cycle callback"))
del b
print("before collect")
gc.collect()
print("after collect", rb())
try:
    weakref.ref([])
except TypeError as e:
    print(e)
try:
    hash(weakref.ref(A()))
except TypeError as e:
    print(e)
def f(): pass
print(weakref.ref(f)() is f, weakref.ref(A)() is A, weakref.ref(len)() is len)
class S:
    __slots__ = ("x",)
try:
    weakref.ref(S())
except TypeError as e:
    print(e)
class SW:
    __slots__ = ("x", "__weakref__")
print(weakref.ref(SW())())
d = {}
x = A()
d[weakref.ref(x)] = 1
print(d[weakref.ref(x)])
class Bad:
    def __call__(self, w):
        1 / 0

    def __repr__(self):
        return "<Bad callback>"


y = A()
ry = weakref.ref(y, Bad())
del y
print("end")
