# staticmethod/classmethod (__func__, __wrapped__, __get__), property's
# __get__/__set__/__delete__, super's __thisclass__/__self__/__self_class__.
class C:
    @staticmethod
    def s(x): return x
    @classmethod
    def c(cls): return cls.__name__
    @property
    def p(self): return 7
    @p.setter
    def p(self, v): print("set", v)
    def m(self): return super()
sm = C.__dict__["s"]; cm = C.__dict__["c"]; pr = C.__dict__["p"]
print(sm.__func__(3), sm.__wrapped__ is sm.__func__, sm.__get__(None, C)(4), cm.__func__.__name__)
print(cm.__get__(None, C)(), cm.__get__(C())(), type(cm.__get__(C())).__name__)
o = C()
print(pr.__get__(o), pr.__get__(None, C) is pr)
pr.__set__(o, 5)
try:
    pr.__delete__(o)
except AttributeError as e:
    print("AttributeError")
sp = o.m()
print(sp.__thisclass__.__name__, sp.__self__ is o, sp.__self_class__.__name__)
print(super(C, C).__self_class__.__name__)
