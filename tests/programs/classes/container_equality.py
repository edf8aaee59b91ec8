# Containers of instances compare through __eq__/__lt__ (==, <, sorted, min/max, in, index, count).
class P:
    def __init__(self, x):
        self.x = x
    def __eq__(self, o):
        return isinstance(o, P) and self.x == o.x
    def __lt__(self, o):
        return self.x < o.x
    def __repr__(self):
        return "P(%d)" % self.x
print([P(1), P(2)] == [P(1), P(2)], [P(1)] != [P(2)], (P(1), 2) == (P(1), 2), {"a": P(1)} == {"a": P(1)})
print(sorted([(2, P(5)), (1, P(9)), (2, P(3))]), [P(1), P(3)] < [P(1), P(4)], P(3) in [P(1), P(3)], [P(2)].index(P(2)), [P(2), P(2)].count(P(2)))
print(max([(1, P(2)), (1, P(7))]), min([[P(4)], [P(1)]]))
