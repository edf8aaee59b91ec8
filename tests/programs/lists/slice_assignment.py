# Slice assignment and deletion, plain and extended; a size mismatch at the end.
l = list(range(10))
l[2:5] = ["a", "b"]
print(l)
l[::2] = [0] * len(l[::2])
print(l)
l[1:1] = (7, 8)
l[-2:] = "xyz"
print(l)
del l[::3]
print(l)
del l[1:3]
l[5:2] = [99]
print(l)
m = [1, 2, 3]
m[:] = m + m
m[len(m):] = (x * 10 for x in range(2))
print(m)
del m[:]
print(m)
n = list(range(6))
n[::-2] = "abc"
print(n)
n[::2] = [1, 2]
