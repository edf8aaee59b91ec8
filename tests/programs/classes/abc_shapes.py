from abc import ABC, abstractmethod
import math
class Shape(ABC):
    @abstractmethod
    def area(self):
        raise NotImplementedError
    def __lt__(self, other):
        return self.area() < other.area()
    def __repr__(self):
        return f"{type(self).__name__}({self.area():.2f})"
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return math.pi * self.r ** 2
class Rect(Shape):
    def __init__(self, w, h): self.w, self.h = w, h
    def area(self): return self.w * self.h
class Square(Rect):
    def __init__(self, s): super().__init__(s, s)
shapes = [Circle(1), Rect(2, 3), Square(1.5), Circle(0.5)]
print(sorted(shapes), max(shapes), sum(s.area() for s in shapes) > 10)
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
class Partial(Shape):
    pass
try:
    Partial()
except TypeError as e:
    print("TypeError:", e)
print(Shape.__abstractmethods__ == frozenset({"area"}), Square.__abstractmethods__ == frozenset())
