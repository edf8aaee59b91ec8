import math
print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(2), math.sqrt(144), math.floor(3.7), math.ceil(3.2), math.floor(-3.5), math.ceil(-3.5))
print(math.sin(0), math.cos(0), math.tan(0.5), math.atan2(1, 1), math.hypot(3, 4))
print(math.exp(1), math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(0.001))
print(math.factorial(20), math.factorial(30), math.gcd(12, 18), math.isqrt(99))
print(math.fabs(-2), math.pow(2, 10), math.trunc(-3.9), math.degrees(math.pi), math.radians(180))
print(math.isnan(math.nan), math.isinf(math.inf), math.isfinite(1.0), math.copysign(3, -0.0), math.fmod(7, 3))
