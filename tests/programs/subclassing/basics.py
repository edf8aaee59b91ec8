class MyList(list):
    def total(self): return sum(self)
m = MyList([1,2,3]); m.append(4); print(m, m.total(), len(m), isinstance(m, list))
class MyDict(dict):
    def __missing__(self, k): return k * 2
d = MyDict(a=1); print(d['a'], d[5], d)
class S(str):
    def shout(self): return self.upper() + "!"
print(S("hi").shout(), S("x") + "y")
class I(int):
    pass
print(I(5) + 3, repr(I(7)))
