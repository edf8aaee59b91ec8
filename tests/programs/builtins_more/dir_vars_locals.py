# dir(), vars(), locals() and globals() of instances, classes, functions and modules.
class A:
    cls_attr = 1
    def method(self):
        return 2
a = A()
a.x = 5
print([n for n in dir(a) if not n.startswith("__")], {"__init__", "__class__", "__dict__", "__eq__", "__sizeof__"} <= set(dir(a)))
print(dir(A) == sorted(set(dir(A))), "method" in dir(A), "x" in dir(A))
print(vars(a), vars(A)["cls_attr"], "__doc__" in vars(A))
def f(p, q=2):
    r = p + q
    print(sorted(locals().items()), dir())
f(1)
x_global = 3
print("x_global" in globals(), "x_global" in locals(), "x_global" in dir(), dir([])[-3:], [n for n in dir(1) if not n.startswith("_")])
import math
print([n for n in dir(math) if n.startswith("f")][:3])
