from operator import itemgetter, attrgetter, methodcaller, add, mul, neg
import operator
from functools import reduce
rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 5.5), ("a", 1, 2.0)]
print(sorted(rows, key=itemgetter(0, 1)), sorted(rows, key=itemgetter(2), reverse=True)[0])
print(list(map(itemgetter(1), rows)), itemgetter(slice(0, 2))(rows[0]))
class P:
    def __init__(self, name, age): self.name, self.age = name, age
    def __repr__(self): return f"P({self.name}, {self.age})"
ps = [P("x", 3), P("y", 1), P("z", 2)]
print(sorted(ps, key=attrgetter("age")), attrgetter("name", "age")(ps[0]), list(map(methodcaller("upper"), "ab")))
print(reduce(add, range(10)), reduce(mul, range(1, 8)), list(map(neg, [1, -2])), operator.pow(2, 10), operator.mod(7, 3))
print(operator.lt(1, 2), operator.eq("a", "a"), operator.concat([1], [2]), operator.getitem("abc", 1), operator.truth(""), operator.is_(None, None))
