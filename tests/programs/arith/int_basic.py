a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 0 // 5, 0 % 5)
print(2 ** 10, 2 ** 0, (-2) ** 3, 10 ** -2, 0 ** 0)
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2, -a >> 1)
print(+a, -a, --a, abs(-a))
