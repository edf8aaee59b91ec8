# __doc__: a class without a docstring has None (not a base's), and
# built-in types each have their own, so object's docstring is never
# found through an instance of another type.
import types
class A: pass
class B:
    "doc of B"
class C(B): pass
print(A.__doc__, B.__doc__, C.__doc__, A().__doc__)
print(types.CoroutineType.send.__doc__ != object.__doc__, type((lambda: 0).__doc__), A.__dict__["__doc__"])
