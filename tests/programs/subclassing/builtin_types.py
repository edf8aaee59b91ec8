class MyList(list):
    def append(self, x):
        super().append(x * 2)
    def __repr__(self):
        return "MyList(" + super().__repr__() + ")"
m = MyList([1, 2])
m.append(5)
m += [7]
print(m, type(m).__name__, len(m), m[0], m[-1], m[1:], 2 in m, [1] + m, m + [0], m * 2)
print(sorted(m), sum(m), max(m), list(reversed(m)), m == [1, 2, 10, 7], bool(MyList()), isinstance(m, list))
m[0] = 100; del m[1]; print(m, m.index(10), m.count(7))
for x in m: print(x, end=" ")
print()
class Stack(list):
    def push(self, x): self.append(x)
    def peek(self): return self[-1]
s = Stack(); s.push(1); s.push(2); print(s.peek(), s.pop(), s, len(s))
class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)
d = D(a=1)
d['b'] = 2
print(d, d['a'], d.get('b'), list(d.items()), 'a' in d, len(d), dict(d))
class Default(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def __missing__(self, k):
        v = self[k] = self.factory()
        return v
dd = Default(list); dd['x'].append(1); dd['x'].append(2); dd['y']
print(dd, dd.factory, sorted(dd.keys()))
try:
    D()['missing']
except KeyError as e:
    print("KeyError", e)
class Name(str):
    def greet(self): return "hi " + self
n = Name("bob")
print(n, repr(n), n.upper(), n.greet(), len(n), n == "bob", n + "!", n[0], "-".join([n, n]), f"{n:>6}", {n: 1}["bob"], hash(n) == hash("bob"))
print(isinstance(n, str), type(n) is Name, n.startswith("b"), str(n), "%s" % n)
class Money(int):
    def __repr__(self): return f"${int(self)}"
a = Money(5)
print(a, a + 1, 1 + a, a * 2, -a, abs(Money(-3)), a == 5, a < 6, [10, 20, 30, 40, 50, 60][a], range(a), hex(a), a.bit_length(), float(a))
class Temp(float):
    def c(self): return (self - 32) * 5 / 9
print(Temp(212).c(), Temp(1.5) + 1, round(Temp(2.567), 1), Temp(3.0).is_integer())
class Pt(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self): return self[0]
p = Pt(3, 4)
print(p, p.x, p[1], len(p), p == (3, 4), hash(p) == hash((3, 4)), type(p).__name__, x, y) if False else print(p, p.x, p[1], len(p), p == (3, 4), hash(p) == hash((3, 4)), type(p).__name__)
a, b = p; print(a, b, list(p), p + (5,), sorted({p: 1}))
class S(set):
    pass
s = S([1, 2, 3]); s.add(4); print(s, len(s), 3 in s, s | {9}, s & {1, 2}, sorted(s))
class F(frozenset): pass
print(F([1, 2]) | {3}, len(F("abc")))
class E(ValueError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise E(42)
except ValueError as e:
    print(e, e.code, e.args)
print(list.append, str.join, dict.fromkeys("ab", 0), str.upper("abc"), list(map(str.strip, [" a ", "b "])))
class Bad:
    pass
try:
    class X(bool): pass
except TypeError as e:
    print(e)
try:
    class Y(list, dict): pass
except TypeError as e:
    print(e)
print(int.__name__, MyList.__mro__, issubclass(MyList, list), issubclass(Name, object))
