class Point:
    """A point."""
    count = 0

    def __init__(self, x, y):
        self.x = x
        self.y = y
        Point.count += 1

    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    @property
    def first(self):
        return self.x

    @staticmethod
    def origin():
        return Point(0, 0)

    @classmethod
    def make(cls, v):
        return cls(v, v)


p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, [p, q])
print(p.norm2(), p.first, Point.origin(), Point.make(5), Point.count)
print(p == Point(1, 2), p != q, p == 3)
print(type(p), type(p).__name__, Point.__doc__, Point.__qualname__)
print(isinstance(p, Point), isinstance(3, Point), issubclass(Point, object))

class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __str__(self):
        return "Animal " + self.name

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return super().speak() + " (woof)"

d = Dog("Rex", "lab")
print(d.speak(), d.breed, str(d), isinstance(d, Animal), Dog.__mro__)
print(hasattr(d, "name"), getattr(d, "nope", 42))

class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(D.__mro__)

class Stack:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
    def push(self, x):
        self.items.append(x)
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __bool__(self):
        return len(self.items) > 0

s = Stack()
print(bool(s), len(s))
s.push(1); s.push(2)
print(bool(s), len(s), s[0], 2 in s, 5 in s)
for x in s:
    print(x)

class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i

print(list(Counter(3)), sum(Counter(4)))
for v in Counter(3):
    print(v)

class MyError(ValueError):
    pass

e = MyError("bad", 2)
print(e.args, isinstance(e, ValueError), isinstance(e, Exception))
raise MyError("boom")
