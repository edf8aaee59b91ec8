# type.__subclasses__(): the live classes that list a class among their
# bases, in the order they were made; a freed class leaves the list.
import gc


class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


def names(cls):
    return [c.__name__ for c in cls.__subclasses__()]


print(names(A), names(B), names(C), names(D))
print(bool in int.__subclasses__(), A in object.__subclasses__())
print(type.__subclasses__(A) == A.__subclasses__())


def make_temporary():
    class Temp(A):
        pass

    return names(A)


print(make_temporary())
gc.collect()
print(names(A))
for i in range(50):
    type("T%d" % i, (B,), {})
gc.collect()
print(names(B))
try:
    A.__subclasses__(1)
except TypeError as e:
    print("TypeError", e)
