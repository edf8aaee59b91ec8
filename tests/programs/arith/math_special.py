import math
print([round(math.erf(x), 12) for x in (-1, 0, 0.5, 2)], [round(math.erfc(x), 12) for x in (0, 1)])
print([math.gamma(n) for n in range(1, 8)], math.gamma(0.5) ** 2, math.lgamma(100))
print(math.factorial(10), math.comb(52, 5), math.perm(10, 3), math.lcm(12, 18, 30), math.gcd(0, 0), math.gcd(-12, 18))
print(math.fsum([1e16, 1.0, -1e16]), sum([1e16, 1.0, -1e16]), math.fsum(x / 10 for x in range(1, 11)))
print(math.frexp(1024), math.ldexp(1, -2), math.modf(-7.125), math.copysign(3, -0.0), math.fmod(7.5, 2))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1e-12, 0, abs_tol=1e-9), math.hypot(5, 12), math.dist((1, 1), (4, 5)))
print(math.prod(range(1, 6)), math.prod([0.5] * 3), math.isqrt(2 ** 64), math.trunc(-9.99), math.floor(-0.1), math.ceil(1e-9))
print(math.log(1024, 2), math.log2(1 / 8), math.log10(0.001), math.exp(0), math.expm1(0), math.sqrt(2) ** 2, math.pi / math.tau)
