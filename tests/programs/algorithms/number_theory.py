from math import gcd, isqrt
def ext_gcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = ext_gcd(b, a % b)
    return g, y, x - (a // b) * y
print(ext_gcd(240, 46), gcd(240, 46), pow(17, -1, 3120), (17 * 2753) % 3120)
def crt(residues, moduli):
    x, m = 0, 1
    for r, n in zip(residues, moduli):
        g, p, q = ext_gcd(m, n)
        x = (x + (r - x) * p % n * m) % (m * n)
        m *= n
    return x
print(crt([2, 3, 2], [3, 5, 7]))
def totient(n):
    result, p, m = n, 2, n
    while p * p <= m:
        if m % p == 0:
            while m % p == 0:
                m //= p
            result -= result // p
        p += 1
    if m > 1:
        result -= result // m
    return result
print([totient(n) for n in range(1, 21)])
def collatz_len(n, cache={1: 1}):
    if n not in cache:
        cache[n] = 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
    return cache[n]
print(max(range(1, 10000), key=collatz_len), collatz_len(27))
perfect = [n for n in range(2, 10000) if sum(d + n // d for d in range(2, isqrt(n) + 1) if n % d == 0) - (isqrt(n) if isqrt(n) ** 2 == n else 0) + 1 == n]
print(perfect, sum(int(c) for c in str(2 ** 1000)), len(str(3 ** 500)))
