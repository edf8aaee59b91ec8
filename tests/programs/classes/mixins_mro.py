class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(vars(self).items()))
        return f"{type(self).__name__}({fields})"
class EqMixin:
    def __eq__(self, other):
        return type(self) is type(other) and vars(self) == vars(other)
    __hash__ = None
class OrderMixin:
    def __lt__(self, other):
        return self.key() < other.key()
class Point(ReprMixin, EqMixin, OrderMixin):
    def __init__(self, x, y):
        self.x, self.y = x, y
    def key(self):
        return (self.x, self.y)
ps = [Point(2, 1), Point(1, 5), Point(1, 2)]
print(sorted(ps), Point(1, 2) == Point(1, 2), Point(1, 2) == ps[0], [c.__name__ for c in Point.__mro__])
try:
    hash(Point(0, 0))
except TypeError as e:
    print("TypeError:", e)
class A:
    def who(self): return ["A"]
class B(A):
    def who(self): return ["B"] + super().who()
class C(A):
    def who(self): return ["C"] + super().who()
class D(B, C):
    def who(self): return ["D"] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])
try:
    class X(A, B): pass
except TypeError as e:
    print("TypeError:", e)
