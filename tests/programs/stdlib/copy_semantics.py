import copy
grid = [[0] * 3 for _ in range(3)]
shallow = copy.copy(grid)
deep = copy.deepcopy(grid)
grid[0][0] = 1
print(shallow[0][0], deep[0][0], shallow is grid, shallow[0] is grid[0], deep[0] is grid[0])
shared = [1, 2]
box = {"a": shared, "b": shared}
dup = copy.deepcopy(box)
print(dup["a"] is dup["b"], dup["a"] is shared, dup == box)
class Config:
    def __init__(self):
        self.values = {"x": [1]}
        self.name = "c"
c = Config(); c2 = copy.copy(c); c3 = copy.deepcopy(c)
c.values["x"].append(2)
print(c2.values, c3.values, c2.name, type(c3).__name__, c3 is not c)
class Custom:
    def __init__(self, v): self.v = v
    def __copy__(self): return Custom(self.v + 100)
    def __deepcopy__(self, memo): return Custom(self.v + 1000)
print(copy.copy(Custom(1)).v, copy.deepcopy(Custom(1)).v, copy.deepcopy((1, [2])), copy.copy({1, 2}))
