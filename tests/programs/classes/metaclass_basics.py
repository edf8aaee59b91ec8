class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns['added'] = 42
        cls = super().__new__(mcls, name, bases, ns)
        return cls
    def __call__(cls, *a, **k):
        print("creating", cls.__name__)
        return super().__call__(*a, **k)
class A(metaclass=Meta):
    def __init__(self, x): self.x = x
a = A(3)
print(a.x, A.added, type(A).__name__, isinstance(A, Meta))
class Registry(type):
    registry = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.registry.append(name)
class B(metaclass=Registry): pass
class C(B): pass
print(Registry.registry)
