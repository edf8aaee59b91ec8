data = [3, 1, 4, 1, 5, 9, 2, 6]
print(list(enumerate(data, start=10))[:3], list(zip(data, data[1:]))[:3], list(zip("ab", [1, 2], (True, False))))
print(list(map(str, data)), list(map(pow, [2, 3], [3, 2])), list(filter(None, [0, 1, "", "a", [], [0]])), list(filter(lambda x: x > 3, data)))
print(list(reversed(data)), sorted(data, reverse=True)[:3], min(data), max(data, key=lambda x: -x), min([], default="empty"), max("hello"))
print(sum(data), sum(data, 100), sum([[1], [2]], []), any(x > 8 for x in data), all(x > 0 for x in data), len(data))
print(list(range(10, 0, -3)), list(range(0)), range(5)[2], range(1, 10, 2)[-1], 7 in range(1, 10, 2), len(range(0, 100, 7)))
print(divmod(100, 7), abs(-3.5), round(3.14159, 3), pow(2, 10), pow(2, 10, 1000), hash(42) == 42, id(data) == id(data))
it = zip([1, 2, 3], "ab")
print(list(it), list(zip()), list(zip([1, 2])), dict(zip("abc", range(3))), list(map(lambda *a: sum(a), [1, 2], [10, 20], [100, 200])))
