x = 10
x += 5
x -= 3
x *= 4
x //= 5
x **= 2
x %= 7
print(x)
y = 2.0
y /= 8
y += 1
print(y)
z = 6
z &= 3
z |= 8
z ^= 1
z <<= 2
z >>= 1
print(z)
l = [1, 2, 3]
l[1] += 10
l[0] *= 7
print(l)
d = {"a": 1}
d["a"] += 41
print(d)
s = "ab"
s += "cd"
s *= 2
print(s)
