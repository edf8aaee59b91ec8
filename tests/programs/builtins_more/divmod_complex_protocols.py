# divmod() through __divmod__/__rdivmod__ (Fraction), its own error; complex()
# through __complex__, then __float__/__index__.
from fractions import Fraction as F
print(divmod(F(7, 3), F(3, 2)), divmod(7, F(3, 2)), divmod(F(7, 2), 2))
class V:
    def __divmod__(self, o): return ("div", o)
    def __rdivmod__(self, o): return ("rdiv", o)
print(divmod(V(), 1), divmod(1, V()))
class I(int): pass
print(divmod(I(7), 2), divmod(7.5, 2), divmod(-7, 2))
try:
    divmod(object(), 1)
except TypeError as e:
    print(e)
try:
    divmod(1, "x")
except TypeError as e:
    print(e)
class C:
    def __complex__(self): return 1 + 2j
class FL:
    def __float__(self): return 2.5
print(complex(F(1, 10)), complex(C()), complex(FL()), complex(FL(), FL()), F(1, 10) + (1.0 + 0j))
for bad in (object(), "1j"):
    try:
        complex(1, bad)
    except TypeError as e:
        print(e)
