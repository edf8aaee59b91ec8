name, n, pi = "world", 42, 3.14159265
print(f"hello {name}!", f"{n=}", f"{pi=:.2f}", f"{name!r}", f"{name!s:>8}", f"{'é'!a}")
print(f"{n:b} {n:o} {n:x} {n:X} {n:c} {n:,} {n:>6} {n:<6}| {n:^6}| {n:06} {-n:06}")
width, prec = 10, 3
print(f"{pi:{width}.{prec}f}|{pi:<{width}}|{name:{'*'}^{width}}")
items = {"a": 1, "b": [1, 2]}
print(f"{items['a']} {items['b'][1]} {len(items)} {[x * 2 for x in range(3)]} {n if n > 40 else 0}")
print(f"{{literal}} {n}{{}}", f"{3+4}", f"{'nested ' + f'{n}'}", f"{1_000_000:_}", f"{255:#010x}")
class P:
    def __format__(self, spec):
        return f"P<{spec}>"
    def __repr__(self):
        return "P()"
print(f"{P()}", f"{P():xyz}", f"{P()!r}", format(P(), "q"), "{:abc}".format(P()))
import math
print(f"{math.inf} {-math.inf:>6} {math.nan:^7} {1e300 * 10:.2f} {0.0:+} {-0.0}")
