# enumerate, zip, map, filter, reversed, any, all; reversed() of an int fails.
names = ["ann", "bob", "cy"]
for i, n in enumerate(names):
    print(i, n)
print(list(enumerate(names, 1)), list(enumerate("ab", start=10)))
print(list(zip(names, range(10), "xyz!")), list(zip()), dict(zip("abc", [1, 2, 3])))
print(list(map(len, names)), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])))
print(list(filter(None, [0, 1, "", "x", [], [2]])), list(filter(lambda v: v % 2, range(7))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), tuple(reversed((1, 2))))
print(any([0, 0, 1]), any([]), all([1, 2]), all([1, 0]), all([]), any(x > 2 for x in range(5)))
m = map(str, [1, 2])
print(next(m), next(m), next(m, "stop"))
e = enumerate([5])
print(type(e).__name__, type(zip()).__name__, iter(e) is e)
def squares():
    for i in range(4):
        yield i * i
print(list(zip(squares(), squares())), sum(map(abs, [-1, -2, 3])))
print(sorted(zip([3, 1, 2], "cab")), max(enumerate([5, 9, 2]), key=lambda p: p[1]))
print([(i, c) for i, c in enumerate("hi")], {k: v for k, v in zip("ab", "xy")})
print(list(reversed([])), list(map(int, ["1", "22"])))
reversed(5)
