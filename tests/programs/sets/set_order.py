# Iteration order of sets after growth, deletions, floats, tuples and set algebra, as CPython.
import_order = []
for n in range(1, 60, 7):
    s = set(range(n))
    s2 = {x * 7919 % 1000 for x in range(n)}
    print(list(s2)[:12], len(s2))
a = set()
for i in range(200):
    a.add(i * 37 % 101)
    if i % 3 == 0:
        a.discard(i % 50)
print(a)
print({1.5, 2.5, 0.5, -0.0, 3.0, 1e10}, {(1, 2), (3, 4), (5,), ()}, {True, 1, 0, False, 2})
print({10, 20, 30} | {5, 15}, {10, 20, 30} & {30, 10, 99, 1000, 7, 8}, {1, 2, 3, 4, 5, 6, 7, 8, 9} - {2})
print(set([3, 2, 1]) ^ set([2, 9]), frozenset([5, 6]) | {1}, {1} | frozenset([5, 6]))
