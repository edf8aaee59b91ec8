# isinstance/issubclass as CPython's: a metaclass's __instancecheck__ and
# __subclasscheck__ (ABCs), and the class obj.__class__ claims (proxies,
# objects whose class defines __class__).
import weakref
class Meta(type):
    def __instancecheck__(cls, obj):
        print("instancecheck", cls.__name__, type(obj).__name__)
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        print("subclasscheck", cls.__name__, sub.__name__)
        return hasattr(sub, "quack")
class Duck(metaclass=Meta):
    pass
class Bird:
    quack = 1
print(isinstance(Bird(), Duck), isinstance(3, Duck), issubclass(Bird, Duck), issubclass(int, Duck))
print(isinstance(Duck(), Duck))
class A: pass
a = A()
p = weakref.proxy(a)
print(isinstance(p, A), isinstance(p, weakref.ProxyType), type(p) is A)
class Mock:
    @property
    def __class__(self):
        return A
print(isinstance(Mock(), A), isinstance(Mock(), Mock), type(Mock()).__name__)
print(isinstance(3, (str, Duck)), issubclass(bool, (str, int)))
try:
    issubclass(3, int)
except TypeError as e:
    print(e)
