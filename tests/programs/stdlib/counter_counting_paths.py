# Counter's counting loop (`_count_elements`) on every kind of mapping:
# a Counter (dict's own get/__setitem__: read and written directly), a
# subclass overriding either, a plain dict, keys with their own hash and
# equality, unhashable keys, and big counts.
from collections import Counter
from _collections import _count_elements


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k % 3)

    def __eq__(self, other):
        return isinstance(other, Key) and self.k % 3 == other.k % 3

    def __repr__(self):
        return "Key(%d)" % (self.k % 3)


print(Counter(i % 5 for i in range(23)).most_common())
print(sorted(Counter([Key(i) for i in range(10)]).items(), key=repr))
print(Counter("abracadabra").most_common(2), Counter([1.0, 1, True, (1,), (1,)]))


class Loud(Counter):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)


class Getter(Counter):
    def get(self, k, default=None):
        print("get", k)
        return super().get(k, default)


print(Loud("aab"))
print(Getter("xy"))
d = {"a": 10}
_count_elements(d, "abca")
print(d)
big = {"n": 2**63 - 1}
_count_elements(big, ["n", "n"])
print(big)
c = Counter()
c.update(["a", "b", "a"])
c.update({"a": 5})
print(c)
try:
    Counter([[1], [2]])
except TypeError as e:
    print("TypeError:", e)
