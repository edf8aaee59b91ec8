# set and frozenset: displays, comprehensions, operators, methods, iteration order as CPython; the last line is a TypeError.
s = {3, 1, 2}
print(s, set(), {1, 2, 2, 3}, set([5, 4, 3, 2, 1]), set(range(20)), {100, 33, 7, 64})
print({-1, -2, 0, 100000000000000000000, 2305843009213693952, 2305843009213693951}, set("a") == {"a"}, frozenset([3, 1]), frozenset())
a, b = {1, 2, 3, 4}, {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b, a <= b, {3} <= a, {3} < a, a == {4, 3, 2, 1}, a != b)
print(a.union([9, 8]), a.intersection(b, {4}), a.difference({1}), a.symmetric_difference(b), a.issubset(range(10)), a.isdisjoint({7}))
s.add(10)
s.discard(1)
s.remove(2)
print(s, len(s), 10 in s, 1 in s, sorted(s))
t = {x * x for x in range(-3, 4)}
print(t, {c for c in "hello"} == set("helo"), sorted({c for c in "hello"}))
u = set()
for i in [5, 3, 9, 3, 1, 17, 33, 65]:
    u.add(i)
print(u, [x for x in u], u.pop(), u)
c = {1, 2, 3}
c |= {4}
c &= {1, 2, 4, 5}
c -= {1}
c ^= {2, 7}
print(c, {*[1, 2], *range(3, 5)}, set({"k": 1, "j": 2}) == {"j", "k"})
big = set(range(100))
big -= set(range(0, 100, 2))
print(len(big), sorted(big)[:5], min(big), max(big), sum(big))
print({frozenset({1, 2}), frozenset({1, 2})}, hash(frozenset()) == hash(frozenset([])), {(1, 2), (1, 2)})
dd = {}
dd[frozenset([1])] = "fs"
print(dd, bool(set()), bool({0}), type(set()).__name__, type(frozenset()).__name__, isinstance(s, set))
q = set(range(30))
for i in range(0, 30, 3):
    q.discard(i)
print(q)
q.update(range(100, 105))
print(q, q.pop(), q.pop())
print({1} | [2])
