# cmath: special values (infinities, NaNs, signed zeros) from C99 Annex
# G's tables, branch cuts, large and tiny arguments, errors, and the
# complex() constructor's signed zeros that the tests rely on.
import cmath
import hashlib
import math

inf, nan = float("inf"), float("nan")
values = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e-310, -1e-310, 1e300, -1e300, 1e308, inf, -inf, nan]
names = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "exp",
         "log", "log10", "sin", "sinh", "sqrt", "tan", "tanh"]


def show(x):
    if isinstance(x, complex):
        return "(%r, %r)" % (x.real, x.imag)
    return repr(x)


for name in names:
    f = getattr(cmath, name)
    out = []
    for re in values:
        for im in values:
            try:
                out.append(show(f(complex(re, im))))
            except (ValueError, OverflowError) as e:
                out.append(type(e).__name__)
    # Print a digest line per function and a few values in full.
    print(name, len(out), out[::37])
    digest = hashlib.sha1(" ".join(out).encode()).hexdigest()[:16]
    print(" ", digest, out.count("ValueError"), out.count("OverflowError"))

for z in [1 + 1j, -1 - 0j, complex(-1, -0.0), 2j, complex(0.0, -0.0), complex(-inf, 0.0)]:
    print(show(z), cmath.phase(z), cmath.polar(z), cmath.isfinite(z), cmath.isinf(z), cmath.isnan(z))
for r, phi in [(1.0, 0.0), (1.0, -0.0), (2.0, math.pi / 2), (inf, 1.0), (-inf, 0.0), (0.0, inf),
               (nan, 0.0), (1.0, inf)]:
    try:
        print(r, phi, show(cmath.rect(r, phi)))
    except ValueError as e:
        print(r, phi, "ValueError", e)
print(show(cmath.log(8, 2)), show(cmath.log(1j, 1 + 1j)), show(cmath.log(100, 10)))
for args in [(0,), (0, 2), (1, 1), (2, 0)]:
    try:
        print(args, show(cmath.log(*args)))
    except ValueError as e:
        print(args, "ValueError", e)
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 2j, abs_tol=1.5),
      cmath.isclose(complex(inf, 0), complex(inf, 0)), cmath.isclose(nan, nan))
try:
    cmath.isclose(1, 2, rel_tol=-1)
except ValueError as e:
    print("ValueError", e)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)


class Z:
    def __complex__(self):
        return 3 + 4j


class F:
    def __float__(self):
        return 0.25


print(show(cmath.sqrt(Z())), show(cmath.sqrt(F())), show(cmath.sqrt(-4)), show(cmath.exp(10 ** 2)))
for bad in ["x", None, [1]]:
    try:
        cmath.sqrt(bad)
    except TypeError as e:
        print("TypeError", e)
for z in [complex(1.0, -0.0), complex(-0.0), complex(complex(1, -0.0)), complex(1j, 2)]:
    print(show(z), math.copysign(1, z.real), math.copysign(1, z.imag))
try:
    abs(complex(1.4e308, 1.4e308))
except OverflowError as e:
    print("OverflowError", e)
for bad in [lambda: cmath.exp(1000), lambda: cmath.cosh(1e3 + 1j), lambda: cmath.atanh(1)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
