# Operator overloading: arithmetic, reflected and in-place forms,
# NotImplemented fallbacks, unary operators, comparisons and sorting.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f_repr(self)

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    def __rmul__(self, k):
        return self.__mul__(k)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x * self.x + self.y * self.y) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)


def f_repr(v):
    return "Vec(" + str(v.x) + ", " + str(v.y) + ")"


a = Vec(1, 2)
b = Vec(3, -4)
print(a + b, a - b, a * 3, 3 * a, -a, +a)
print(a / 2, b // 2, b % 3)
print(a == Vec(1, 2), a != Vec(1, 2), a == b, a != b, a == "x")
print(a < b, b < a, a > b, b > a)
print(sorted([b, a, Vec(0, 1)]))
print(min([b, a]), max([b, a]))

c = a
c += b
print(c, a, c is a)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self

    def __repr__(self):
        return "Acc(" + repr(self.items) + ")"


acc = Acc()
alias = acc
acc += 1
acc += 2
print(acc, alias is acc)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __radd__(self, other):
        if other == 0:
            return self
        return Money(self.cents + other.cents)

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __repr__(self):
        return "Money(" + str(self.cents) + ")"

    def __le__(self, other):
        return self.cents <= other.cents

    def __ge__(self, other):
        return self.cents >= other.cents


print(sum([Money(5), Money(7), Money(1)]))
print(Money(3) <= Money(4), Money(3) >= Money(4))


# Reflected operations of a subclass win.
class Base:
    def __add__(self, other):
        return "Base.__add__"

    def __radd__(self, other):
        return "Base.__radd__"


class Derived(Base):
    def __radd__(self, other):
        return "Derived.__radd__"


print(Base() + Derived(), Derived() + Base(), 1 + Base())


class Bits:
    def __init__(self, v):
        self.v = v

    def __and__(self, o):
        return Bits(self.v & o.v)

    def __or__(self, o):
        return Bits(self.v | o.v)

    def __xor__(self, o):
        return Bits(self.v ^ o.v)

    def __lshift__(self, n):
        return Bits(self.v << n)

    def __rshift__(self, n):
        return Bits(self.v >> n)

    def __invert__(self):
        return Bits(~self.v)

    def __pow__(self, n):
        return Bits(self.v ** n)


x = Bits(12) & Bits(10)
print(x.v, (Bits(12) | Bits(3)).v, (Bits(6) ^ Bits(3)).v, (Bits(1) << 4).v)
print((Bits(64) >> 2).v, (~Bits(5)).v, (Bits(3) ** 3).v)

print(Vec(1, 1) * "a")
