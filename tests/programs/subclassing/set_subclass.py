class TagSet(set):
    def __init__(self, items=()):
        super().__init__(x.lower() for x in items)
    def add(self, x):
        super().add(x.lower())
    def __repr__(self):
        return "TagSet(" + repr(sorted(self)) + ")"
ts = TagSet(["A", "b"])
ts.add("C"); ts.add("a")
print(ts, len(ts), "a" in ts, "A" in ts, sorted(ts | {"z"}), sorted(ts & {"a", "q"}), isinstance(ts, set))
ts.discard("b"); ts.update(["x"]); print(ts)
class Frozen(frozenset):
    def describe(self):
        return ",".join(sorted(map(str, self)))
f = Frozen([3, 1, 2])
print(f.describe(), len(f), 2 in f, {f: 1}[frozenset({1, 2, 3})], f == {1, 2, 3}, type(f | {4}).__name__)
