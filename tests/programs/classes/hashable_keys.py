# Instances with __hash__/__eq__ as dict keys and set elements; a missing key at the end.
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return isinstance(o, Pt) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"Pt({self.x}, {self.y})"
d = {Pt(0, 0): "origin"}
d[Pt(1, 2)] = "a"
d[Pt(1, 2)] = "b"
print(d, d[Pt(0, 0)], Pt(1, 2) in d, Pt(5, 5) in d, d.get(Pt(1, 2)), d.get(Pt(9, 9), "none"), len(d))
del d[Pt(0, 0)]
print(d, d.setdefault(Pt(3, 3), []), d.pop(Pt(3, 3)), d)
seen = set()
for p in [Pt(1, 1), Pt(2, 2), Pt(1, 1), Pt(2, 2), Pt(3, 3)]:
    if p in seen:
        print("dup", p)
    seen.add(p)
print(len(seen), Pt(3, 3) in seen, {Pt(1, 1), Pt(1, 1)}, {p.x for p in seen} == {1, 2, 3})
seen.discard(Pt(1, 1))
seen.remove(Pt(2, 2))
print(seen, {Pt(0, 1): 1, Pt(0, 1): 2}, {Pt(i % 2, 0): i for i in range(4)})
grid = {}
for x in range(3):
    for y in range(3):
        grid[Pt(x, y)] = x * y
print(sum(grid[Pt(x, y)] for x in range(3) for y in range(3)), grid[Pt(2, 2)])
print(d[Pt(7, 7)])
