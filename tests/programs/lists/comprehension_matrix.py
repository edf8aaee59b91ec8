m = [[r * 3 + c for c in range(3)] for r in range(3)]
print(m, [row[i] for i, row in enumerate(m)], [list(col) for col in zip(*m)])
print([x for row in m for x in row if x % 2], {x % 4 for row in m for x in row}, {r: sum(row) for r, row in enumerate(m)})
print([[1 if r == c else 0 for c in range(3)] for r in range(3)], [(x, y) for x in range(3) for y in range(x)])
print(sum(x * y for x, y in zip([1, 2, 3], [4, 5, 6])), max((len(w), w) for w in "a bb ccc dd".split()))
words = ["apple", "bob", "kayak", "tree"]
print([w for w in words if w == w[::-1]], [w.upper() if len(w) > 3 else w for w in words], {w[0]: w for w in words})
print(list(map(lambda r: sum(r) / len(r), m)), [sorted(r, reverse=True) for r in m], [[v ** 2 for v in r] for r in m][-1])
