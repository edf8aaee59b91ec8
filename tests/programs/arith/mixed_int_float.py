def mix(n):
    acc = 0
    for i in range(n):
        acc = acc + i * 0.5 - 1 / 4
        acc = 2 * acc - acc
    return acc
print(mix(100), 3 + 0.25, 0.25 + 3, 7 - 0.5, 0.5 * 4, 9 / 2.0, 2.0 / 8)
big = 2 ** 53 + 1
print(big + 0.0, big * 1.0, 2 ** 53 + 1 == 2.0 ** 53, 10 ** 20 + 0.5)
def div(a, b):
    return a / b
print(div(1, 2.0), div(7.5, 3))
print(div(3, 0.0))
