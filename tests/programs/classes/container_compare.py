a = []
a.append(a)
print(a == a)
b = [1, [2]]
print(b == [1, [2]], b < [1, [3]])
c = [1]
c.append(c)
d = [1]
d.append(d)
try:
    print(c == d)
except RecursionError as e:
    print("RecursionError", e)
class P:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
e = [P(1)]
e.append(e)
print(e == e, [P(1), (P(2),)] == [P(1), (P(2),)], [P(1)] < [P(2)], {1: P(3)} == {1: P(3)})
try:
    f = [P(1)]; f.append(f); g = [P(1)]; g.append(g)
    print(f == g)
except RecursionError as e:
    print("RecursionError", e)
deep = x = []
for i in range(100):
    x.append([]); x = x[0]
x.append(P(5))
deep2 = y = []
for i in range(100):
    y.append([]); y = y[0]
y.append(P(5))
print(deep == deep2)
