# `*args: *Ts` (PEP 646): the annotation is the one item *Ts unpacks to.
from typing import TypeVarTuple, Unpack
Ts = TypeVarTuple('Ts')
def f(*args: *Ts): pass
print(f.__annotations__)
class Box:
    def __iter__(self):
        yield 'only'
def g(*args: *Box()): pass
print(g.__annotations__)
