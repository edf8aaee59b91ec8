a = [5, 3, 8]
a.append(1); a.extend((9, 2)); a.insert(0, 7); a.insert(-1, 4); a.insert(100, 0)
print(a, len(a), a.index(8), a.count(3), a.pop(), a.pop(0), a)
a.remove(3); a.reverse(); print(a)
b = a.copy(); b.sort(); print(b, a, sorted(a, reverse=True))
a.sort(key=lambda x: -x); print(a)
a[1:3] = ["x", "y", "z"]; print(a)
a[::2] = [0] * len(a[::2]); print(a)
del a[1::2]; print(a)
a *= 2; print(a, a * 0, [0] * 3 + [1])
nested = [[1, 2], [3]]; flat = [x for sub in nested for x in sub]; print(flat, sum(nested, []))
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].index(2)
except ValueError as e:
    print("ValueError:", e)
try:
    a[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [[]] == [[]], list(range(5))[::-2], [3, 1, 2].sort())
