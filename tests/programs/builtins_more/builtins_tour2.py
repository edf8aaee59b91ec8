x = 10**20
print(x, {10**20, 1}, 2**100 // 3, -7 // 2, 7 % -3, 1 << 70, ~5, 5 ^ 3, True + True)
print(isinstance(True, int), bool.__name__, int.__mro__ if hasattr(int, '__mro__') else 0)
class A:
    def __enter__(self): print("enter"); return self
    def __exit__(self, *a): print("exit", a[0]); return True
with A() as a:
    raise KeyError(1)
print(str.join, len.__name__)
print(type(None), type(...), type(NotImplemented))
print(object(), id(1) == id(1)) if False else print("ok")
print(max([1,2], default=0), min([], default=5), max("abc", key=ord), sum([0.1]*3, 0.5))
print(all([]), any([]), list(zip(*[(1,2),(3,4)])), list(map(lambda a, b: a*b, [1,2], [3,4])))
print(f"{3.14159:.2f} {42:08b} {'x':>5} {1e10:g} {12345678:,} {0.5:%}")
print("{0}{1}{0}".format('a','b'), "{:^10}".format("mid"), "{x}".format(x=1), "{!r}".format("s"))
print(globals()['__name__'], __name__)
