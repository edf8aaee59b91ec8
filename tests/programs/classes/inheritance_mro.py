# Single and multiple inheritance, C3 MRO, super() chains, overriding.
class Base:
    greeting = "hello"

    def __init__(self):
        self.log = ["Base"]

    def who(self):
        return "Base"

    def hello(self):
        return self.greeting + " from " + self.who()


class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")

    def who(self):
        return "Left/" + super().who()


class Right(Base):
    greeting = "hi"

    def __init__(self):
        super().__init__()
        self.log.append("Right")

    def who(self):
        return "Right/" + super().who()


class Diamond(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Diamond")

    def who(self):
        return "Diamond/" + super().who()


d = Diamond()
print(d.log)
print(d.who())
print(d.hello())
print(Diamond.__mro__)
print(Diamond.__bases__, Left.__bases__)
print(issubclass(Diamond, Left), issubclass(Diamond, Right), issubclass(Left, Right))
print(issubclass(Diamond, (int, Base)), isinstance(d, (int, str)), isinstance(d, (int, Right)))
print(Diamond.greeting, Left.greeting)

# Explicit two-argument super.
class Explicit(Left):
    def who(self):
        return "Explicit/" + super(Explicit, self).who()

print(Explicit().who())
print(super(Left, Diamond()).who())

# Calling a base method through the class.
class Child(Base):
    def who(self):
        return "Child+" + Base.who(self)

print(Child().hello())


# Class attributes shared, instance attributes shadowing.
class Counter:
    total = 0

    def __init__(self):
        Counter.total += 1
        self.mine = Counter.total


a, b, c = Counter(), Counter(), Counter()
print(Counter.total, a.mine, b.mine, c.mine, a.total)
a.total = 100
print(a.total, Counter.total, b.total)
del a.total
print(a.total)

# A consistent MRO cannot be made.
class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass
try_bad = "class Z(P, Q)"
print(try_bad)
class Z(P, Q): pass
