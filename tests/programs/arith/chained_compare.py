def check(a, b, c):
    return a < b < c, a <= b <= c, a == b == c, a < b > c, a != b != c
print(check(1, 2, 3))
print(check(3, 2, 1))
print(check(2, 2, 2))
x = 5
print(0 < x < 10, 0 < x < 3, x == 5 != 6, 1 < x in [5, 6])
