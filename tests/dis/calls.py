# Calls as CPython 3.11 compiles them: NULL + global, PUSH_NULL, LOAD_METHOD,
# KW_NAMES, PRECALL / CALL, CALL_FUNCTION_EX, and the compiler's own
# method-shaped calls (decorators, comprehensions, assert's message).
# tests/dis.rs also checks that this disassembly reads as CPython's.
import m


@dec
@m.deco(1)
def f(a, o):
    g(a)
    o.m(1, k=2)
    (a or b)(2)
    h(*a, **a)
    o.m(*a)
    a(x=1)
    m.f(a)
    super().__init__(a)
    return [i for i in a], {k: 1 for k in o}


@dec
class C(B, metaclass=M):
    def meth(self, *args):
        return len(self), self.other(*args)


print(f(1, 2), C)
assert x, "m"
