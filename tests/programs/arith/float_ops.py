x = 3.5
y = 1.25
print(x + y, x - y, x * y, x / y, x // y, x % y, x ** y)
print(x + 1, 1 + x, x * 2, 2 ** 0.5, 10 ** 0.5, 4 ** -1)
print(int(x), int(-x), float(7), float(-3), round(2.5), round(3.5), round(-2.5))
print(0.1 * 3, 0.3 == 0.1 * 3, abs(-2.5), -x, +x)
print(1e308 * 10, -1e308 * 10)
print(round(2.675, 2), round(1.005, 2), round(123.456, -1))
