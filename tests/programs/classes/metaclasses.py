class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns['tag'] = name.lower()
        cls = super().__new__(mcls, name, bases, ns)
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
        cls.extra = kw
    def describe(cls):
        return f"<{cls.__name__} tag={cls.tag}>"
    def __repr__(cls):
        return f"Meta:{cls.__name__}"
class A(metaclass=Meta, flavour="x"):
    pass
class B(A):
    pass
print(A.tag, B.tag, A.describe(), B.describe(), A.extra, B.extra, type(A) is Meta, type(B) is Meta, A, [B])
print(isinstance(A, Meta), isinstance(A, type), isinstance(A(), A), type(A()).__name__, issubclass(Meta, type))
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, value):
        self.value = value
c1 = Config(1); c2 = Config(2)
print(c1 is c2, c1.value, Config._instances[Config] is c1)
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        if bases:
            Registry.classes.append(name)
class Plugin(metaclass=Registry): pass
class P1(Plugin): pass
class P2(Plugin): pass
class P3(P1): pass
print(Registry.classes)
X = Meta("X", (), {"y": 2})
print(X.y, X.tag, type(X).__name__, X)
class Other(type): pass
class O(metaclass=Other): pass
try:
    class Both(A, O): pass
except TypeError as e:
    print("TypeError:", e)
class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        d = {}
        d['prepared'] = True
        return d
class Q(metaclass=Ordered):
    z = 1
print(Q.prepared, Q.z)
class Base:
    def __init_subclass__(cls, /, prefix="", **kw):
        super().__init_subclass__(**kw)
        cls.prefix = prefix
class Child(Base, prefix="ch"): pass
print(Child.prefix)
try:
    class NoKw(object, bogus=1): pass
except TypeError as e:
    print("TypeError:", e)
class Validated(type):
    def __new__(mcls, name, bases, ns):
        for k, v in ns.items():
            if k.startswith("bad_"):
                raise TypeError(f"{name}: {k} not allowed")
        return super().__new__(mcls, name, bases, ns)
try:
    class V(metaclass=Validated):
        def bad_method(self): pass
except TypeError as e:
    print(e)
print(type(type), type(int), type(Meta))
