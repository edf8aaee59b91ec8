from abc import ABC, abstractmethod
import operator, copy, string
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @abstractmethod
    def perimeter(self): ...
    def describe(self):
        return f"{type(self).__name__} area={self.area()}"
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
class Half(Shape):
    def area(self): return 0
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
print(Square(3).describe(), isinstance(Square(1), Shape))
print(operator.add(1, 2), operator.mul(3, 4), operator.itemgetter(1)([5, 6]), operator.itemgetter(0, 2)("abc"))
pts = [{"n": "b", "v": 2}, {"n": "a", "v": 1}]
print(sorted(pts, key=operator.itemgetter("n")), operator.attrgetter("real")(3), operator.neg(5), operator.not_(0))
print(operator.methodcaller("upper")("x"), operator.contains([1], 1), operator.getitem({1: 2}, 1), operator.truediv(1, 4))
from functools import reduce
print(reduce(operator.mul, range(1, 6)), list(map(operator.sub, [5, 6], [1, 2])))
orig = [1, [2, 3], {"k": [4]}]
sh = copy.copy(orig); dp = copy.deepcopy(orig)
orig[1].append(99); orig[2]["k"].append(100)
print(sh, dp)
class Node:
    def __init__(self, v): self.v = v; self.next = None
n = Node(1); n.next = n
m = copy.deepcopy(n)
print(m.v, m.next is m, m is not n)
c2 = copy.copy(n); print(c2.v, c2.next is n)
print(string.ascii_lowercase, string.digits, string.capwords("hello   big world"), len(string.punctuation))
