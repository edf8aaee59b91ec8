# Exceptions in __del__ and in weak-reference callbacks are reported as
# CPython reports them ("Exception ignored in: ...") and go no further.
import weakref


class Bad:
    def __del__(self):
        raise ValueError("in __del__")


bad = Bad()
del bad
print("after bad")


class Target:
    pass


def callback(ref):
    1 / 0


t = Target()
r = weakref.ref(t, callback)
del t
print("after callback")


class Bare:
    def __del__(self):
        raise KeyError


bare = Bare()
del bare
print("after a message-less exception")
