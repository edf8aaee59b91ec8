class Meta(type):
    def __new__(m, n, b, ns, **kw):
        return super().__new__(m, n, b, ns, **kw)
    def __init__(cls, n, b, ns, **kw):
        super().__init__(n, b, ns)
class Base(metaclass=Meta):
    def __init_subclass__(cls, flag=None, **kw):
        super().__init_subclass__(**kw)
        cls.flag = flag
class C(Base, flag="on"):
    pass
print(C.flag)
try:
    class D(metaclass=Meta, bogus=1):
        pass
except TypeError as e:
    print("TypeError:", e)
