class Base:
    subclasses = []
    def __init_subclass__(cls, /, kind="plain", **kwargs):
        super().__init_subclass__(**kwargs)
        cls.kind = kind
        Base.subclasses.append((cls.__name__, kind))
class A(Base): pass
class B(Base, kind="fancy"): pass
class C(B, kind="fancier"): pass
print(Base.subclasses, A.kind, B.kind, C.kind)
class Validated:
    required = ()
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        missing = [r for r in cls.required if not hasattr(cls, r)]
        if missing:
            raise TypeError(f"{cls.__name__} missing {missing}")
class Good(Validated):
    required = ("run",)
    def run(self): return "ok"
print(Good().run())
try:
    class Bad(Validated):
        required = ("run", "stop")
except TypeError as e:
    print("TypeError:", e)
