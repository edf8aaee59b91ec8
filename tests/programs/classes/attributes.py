# Properties, static and class methods, __getattr__/__setattr__,
# __slots__, descriptors, and attribute errors.
class Celsius:
    def __init__(self, degrees):
        self._d = degrees

    @property
    def degrees(self):
        return self._d

    @degrees.setter
    def degrees(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._d = value

    @property
    def fahrenheit(self):
        return self._d * 9 / 5 + 32


t = Celsius(25)
print(t.degrees, t.fahrenheit)
t.degrees = 30
print(t.degrees, t.fahrenheit)


class Shape:
    sides = 0

    @staticmethod
    def describe(n):
        return "shape with " + str(n) + " sides"

    @classmethod
    def create(cls):
        return cls()

    def __repr__(self):
        return type(self).__name__ + "(" + str(self.sides) + ")"


class Square(Shape):
    sides = 4


print(Shape.describe(3), Square.describe(4), Square().describe(5))
print(Shape.create(), Square.create(), Square().create())


class Record:
    def __init__(self):
        pass

    def __getattr__(self, name):
        return "default-" + name


r = Record()
r.real = 1
print(r.real, r.missing, getattr(r, "other"))


class Logged:
    def __init__(self):
        self.history = []

    def __setattr__(self, name, value):
        if name != "history":
            self.history.append(name)
        object.__setattr__(self, name, value)


lg = Logged()
lg.a = 1
lg.b = 2
lg.a = 3
print(lg.history, lg.a, lg.b)


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
p.x = 10
print(p.x, p.y)


class Positive:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__["_v"]

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError("must be positive")
        obj.__dict__["_v"] = value


class Account:
    balance = Positive()

    def __init__(self, b):
        self.balance = b


acct = Account(10)
acct.balance = 20
print(acct.balance, acct.__dict__)

print(Account.__name__, Account.__qualname__)


class Outer:
    class Inner:
        def method(self):
            return 1

print(Outer.Inner.__qualname__, Outer.Inner().method.__qualname__)
print(hasattr(p, "z"), hasattr(p, "x"))
p.z = 3
