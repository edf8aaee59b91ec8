a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == [1, 2, 3, 4])
c = a[:]
c.append(5)
print(a, c, a is c)
x = [a, a]
a.append(6)
print(x)
