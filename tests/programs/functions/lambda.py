sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2))
print(sorted([3, -1, 2], key=lambda v: -v))
print(max(["aa", "b", "cccc"], key=lambda s: len(s)), min([4, 7, 1], key=lambda v: (v - 5) ** 2))
