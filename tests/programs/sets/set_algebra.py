a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} < a, a >= {1}, a.isdisjoint({9}))
print(a.union([7], (8,)), a.intersection(b, {4}), a.difference({1}, {2}), a.symmetric_difference([1, 9]))
c = set(a); c |= {10}; c &= {1, 10, 3}; c -= {3}; c ^= {99}; print(sorted(c))
c.add(5); c.discard(404); c.remove(5); print(sorted(c), c.pop() in {1, 10, 99}, len(c))
try:
    c.remove(12345)
except KeyError as e:
    print("KeyError:", e)
words = "the cat and the hat and the bat".split()
print(sorted(set(words)), len(set(words)), sorted({w[0] for w in words}), {len(w) for w in words})
fs = frozenset("abc")
print(sorted(fs | {"d"}), type(fs | {"d"}).__name__, fs == {"a", "b", "c"}, {fs: 1}[frozenset("cba")], hash(fs) == hash(frozenset("bca")))
print(set(), set([]) == frozenset(), {1, 2} == {2, 1}, sorted({(1, 2), (1, 2), (2, 1)}), {x % 3 for x in range(10)})
