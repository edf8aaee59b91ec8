import math
print(math.gcd(12, 18), math.lcm(4, 6), math.lcm(), math.isqrt(99), math.comb(10, 3), math.perm(5, 2), math.perm(4), math.factorial(20), math.comb(50, 25))
print(math.fsum([0.1]*10), sum([0.1]*10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.prod([1,2,3]), math.prod([]), math.prod([2.5, 2], start=2))
print(math.copysign(1, -0.0), math.hypot(3, 4), math.dist([0,0],[3,4]), math.dist((1, 2, 3), (4, 6, 15)))
print(math.log(8, 2), math.log2(8), math.log10(1000), math.log1p(1e-10), math.expm1(1e-10), math.frexp(8.0), math.frexp(0.3), math.ldexp(0.5, 4))
print(math.modf(3.5), math.modf(-2.25), math.trunc(-3.7), math.floor(-3.5), math.ceil(3.2), math.isclose(1.0, 1.0000000001), math.isclose(1, 1.1, rel_tol=0.2), math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan))
print(math.degrees(math.pi), math.radians(180), math.atan2(1, 1), math.sinh(1), math.acosh(2), math.asinh(1), math.atanh(0.5), math.erf(1), math.erfc(0.5), math.tau, math.e)
print([math.gamma(x) for x in (0.5, 1, 5, 10.5, -1.5, 25, 171)])
print([math.lgamma(x) for x in (0.5, 1, 3, 10, 100.5, -2.5, 1e-30)])
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.ulp(1.0), math.ulp(1e300), math.remainder(10, 3), math.remainder(11, 2), math.fmod(-10, 3), math.exp(2), math.cbrt(8.0), math.exp2(10))
for f, args in [(math.sqrt, (-1,)), (math.log, (0,)), (math.gamma, (0,)), (math.gamma, (-2,)), (math.lgamma, (-1,)), (math.acosh, (0.5,)), (math.exp, (1000,)), (math.comb, (-1, 2)), (math.fsum, ([math.inf, -math.inf],)), (math.atanh, (1,))]:
    try:
        print(f(*args))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(math.fsum([math.inf, 1]), math.gamma(1e-25), math.frexp(0.0), math.isqrt(10**30), math.floor(2.5e20), math.ceil(-0.5))
