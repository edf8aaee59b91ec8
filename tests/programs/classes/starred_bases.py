# class statements with *bases and **keywords (CALL_FUNCTION_EX on
# __build_class__, as CPython compiles them).
class A: pass
class B: pass
bases = (A, B)
class C(*bases): pass
print(C.__mro__)
class Meta(type):
    def __new__(m, name, b, ns, **kw):
        print('meta', name, b, sorted(kw.items()))
        return super().__new__(m, name, b, ns)
    def __init__(cls, name, b, ns, **kw):
        pass
kw = {'x': 1, 'metaclass': Meta}
class D(A, *(), **kw): pass
class E(*[B], A if False else object, y=2, **{'metaclass': Meta}): pass
print(type(D).__name__, E.__bases__)
