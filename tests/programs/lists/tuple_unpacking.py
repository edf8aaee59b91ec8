a, b, *rest = range(6)
print(a, b, rest)
*init, last = "abcd"
print(init, last)
first, (second, third), *_ = [1, (2, 3), 4, 5]
print(first, second, third, _)
x = y = z = 0
x, y = y + 1, x + 2
print(x, y, z)
pairs = [(1, "one"), (2, "two")]
for num, word in pairs:
    print(num, word, end="; ")
print()
for i, (k, v) in enumerate(sorted({"b": 2, "a": 1}.items())):
    print(i, k, v)
t = (1,) + (2, 3)
print(t, t[1:], len(t), t.index(3), t.count(1), (1, 2) * 2, tuple("ab"), () == tuple())
def swap(p): return p[::-1]
print(swap((1, 2, 3)), max((1, "b"), (1, "a")), sorted([(2, "x"), (1, "z"), (2, "a")]))
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1]
except ValueError as e:
    print("ValueError:", e)
