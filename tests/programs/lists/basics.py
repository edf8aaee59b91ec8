l = [3, 1, 4, 1, 5, 9, 2, 6]
print(l, len(l), l[0], l[-1], l[2:5], l[:3], l[5:], l[::3], l[-3:])
l.append(7)
l.insert(0, 0)
print(l, l.pop(), l.pop(0), l)
l.extend([10, 11])
print(l, l.index(5), l.count(1), 4 in l, 100 in l)
l.reverse()
print(l)
l.sort()
print(l, sorted([5, 2, 8], reverse=True))
m = l.copy()
m[0] = 99
print(l[0], m[0], l == m, [1, 2] == [1, 2], [] == [])
del m[0]
print(m, len(m))
print([1, 2] + [3], [0] * 5, [[0] * 2] * 2)
