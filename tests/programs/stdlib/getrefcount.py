# sys.getrefcount counts the references to an object, the argument's own
# included, as CPython does.
import sys
print(sys.getrefcount(object()))
x = object()
print(sys.getrefcount(x))
l = [x, x]
print(sys.getrefcount(x))
def f(a): return sys.getrefcount(a)
print(f(x))
del l
print(sys.getrefcount(x))
