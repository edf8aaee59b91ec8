import math
def quadratic(a, b, c):
    d = b * b - 4 * a * c
    sq = d ** 0.5
    return (-b + sq) / (2 * a), (-b - sq) / (2 * a)
for coeffs in [(1, -3, 2), (1, 2, 5), (1, 0, 4), (2, 4, 2)]:
    print(coeffs, quadratic(*coeffs))
z = 3 + 4j
print(abs(z), z.conjugate(), z * z.conjugate(), z / abs(z), z.real ** 2 + z.imag ** 2)
roots = [complex(math.cos(2 * math.pi * k / 4), math.sin(2 * math.pi * k / 4)) for k in range(4)]
print([complex(round(r.real, 6), round(r.imag, 6)) for r in roots])
acc = 1 + 0j
for _ in range(8):
    acc *= (1 + 1j) / abs(1 + 1j)
print(round(acc.real, 9), round(acc.imag, 9), (2j) ** 2, (1 + 2j) ** 2, 1j ** 1j)
print(sum([1 + 1j, 2 - 3j, 0.5j]), [1j * k for k in range(3)], complex("1e3-2.5j"), -(1 - 1j))
