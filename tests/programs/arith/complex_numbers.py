z = complex(1, 2)
print(z, z.real, z.imag, abs(3+4j), z * z, z + 1, z.conjugate(), 1j ** 2, (1+2j)/(3-4j))
print(repr(2j), complex("1+2j"), -z, z == complex(1,2), hash(1+0j) == hash(1), 1 + 0j == 1, 2.5j, -0j, 0j, (1-0j))
print(complex(), complex(3), complex(2.5), complex("3"), complex("-1.5j"), complex(" (2-3j) "), complex("j"), complex(real=1, imag=-1))
print((2+3j) - (1+1j), (2+3j) * 2, 2 / (1+1j), (1+1j) ** 3, (1+1j) ** -1, 2 ** (1j), (1+2j) ** 0.5, 0j ** 0)
print(isinstance(1j, complex), type(1j).__name__, bool(0j), bool(1j), 1j != 1, [1j, 2+0j], {1j: "a"}[1j], (1e300+1e300j) * 0)
print(sum([1j, 2, 3.5]), complex(1, 2) == (1+2j), abs(-2j), pow(1j, 2), str(1+1j), f"{1+2j}", (3+4j).imag)
for bad in ["1+", "abc", "1+2k", ""]:
    try:
        complex(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    (1+1j) / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1j < 2j
except TypeError as e:
    print("TypeError:", e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    float(1j)
except TypeError as e:
    print("TypeError:", e)
try:
    (1+2j) // 2
except TypeError as e:
    print("TypeError:", e)
import math
roots = [(-b + (b*b - 4*a*c) ** 0.5) / (2*a) for a, b, c in [(1, 2, 5), (1, 0, 1)]]
print(roots)
