def grow(n):
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x
def shrink(x):
    while x > 10 ** 6:
        x = x // 7 - 1
    return x
big = grow(80)
print(big, shrink(big), grow(5))
m = -9223372036854775807 - 1
print(m - 1, m * -1, -m, m // -1, m % -1, abs(m))
