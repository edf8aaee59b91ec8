print(min(3, 1, 2), max(3, 1, 2), min([5, 2, 8]), max((1, 9, 3)), min("hello"), max("hello"))
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-2 ** 70))
print(max(1, 2.5), min(-1, -1.5), max([[1, 2], [1, 3]]), min([], default="empty"))
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum(range(10), 100))
