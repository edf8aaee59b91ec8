# Tuple keys are found by their items' equality, as tuple comparison
# has it: each pair the same object or `==` (ints and bools and floats
# alike, strs by text, nested tuples, instances by their `__eq__`).
x = float("nan")
d = {(x,): "nan", (1, 2): "a", ((1, 2), 3): "nested", ("s", 1): "s", (): "empty"}
print((x,) in d, d[(x,)])
print(d[(True, 2.0)], d[((1, 2), 3)], d[((True, 2), 3.0)], d[("s", 1)], d[()])
print((1, 2, 3) in d, (1,) in d, ("s", True) in d, ("S", 1) in d, (2, 1) in d)


class K:
    """A key class whose instances are equal by value."""

    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        print("  eq", self.v, getattr(o, "v", o))
        return isinstance(o, K) and o.v == self.v

    def __hash__(self):
        return hash(self.v)


k = K(5)
e = {(k, 1): "same object", (K(6), 2): "equal instance"}
print(e[(k, 1)])
print(e[(K(6), 2)])
print((K(6), 3) in e)
print(e.get((K(6), 2)), e.pop((K(6), 2)), len(e), ((k, 1), 1) in {((k, 1), 1)})
marks = {(K(1), "a"), (K(1), "a"), (K(2), "a")}
print(len(marks), (K(2), "a") in marks, (K(3), "a") in marks)
print(hash((K(7), 1)) == hash((7, 1)))


# Built and looked up in a loop, as a grid search does.
seen = {}
for i in range(30):
    for j in range(3):
        key = (i % 7, j)
        seen[key] = seen.get(key, 0) + 1
print(len(seen), seen[(0, 0)], seen[(6, 2)], sorted(seen)[:4])
big = {(i, str(i), i * 1.5): i for i in range(200)}
print(sum(big[(i, str(i), i * 1.5)] for i in range(200)))
print((10**20, 1) in {(10**20, 1): 0}, (2**61 - 1, -(2**61)) in {(2**61 - 1, -(2**61)): 0})
print(hash((1, 2)) == hash((True, 2.0)), hash(2**61 - 1), hash(-(2**61)), hash(2**62 + 5))
