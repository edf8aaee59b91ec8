# A metaclass's own __setattr__, __delattr__, __dir__ and __reversed__ apply
# to its classes (enum's EnumType guards members this way).
class M(type):
    def __reversed__(cls): return iter([1])
    def __setattr__(cls, n, v): raise AttributeError("no set " + n)
class A(metaclass=M): pass
class B(int, metaclass=M): pass
for K in (A, B):
    try:
        K.x = 1
        print("set ok", K.__name__)
    except AttributeError as e: print(e)
    try: print(list(reversed(K)))
    except TypeError as e: print(e)
class N(type):
    def __dir__(cls): return ["z", "a"]
    def __delattr__(cls, n): raise AttributeError("no del " + n)
class D(metaclass=N):
    x = 1
print(dir(D), dir(A)[:3])
try:
    del D.x
except AttributeError as e: print(e)
import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    def wowser(self): pass
print(list(reversed(Color)), dir(Color))
try:
    Color.RED = 3
except AttributeError as e: print(e)
try:
    del Color.RED
except AttributeError as e: print(e)
