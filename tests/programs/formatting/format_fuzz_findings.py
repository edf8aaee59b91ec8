# Format specs tools/fuzz.py format found handled unlike CPython: complex
# __format__, the z option (PEP 682), '#' without a type, zero padding
# grouped after an explicit '0=' fill, %-conversions' argument checks.
def show(f):
    try:
        return repr(f())
    except Exception as e:
        return type(e).__name__ + ": " + str(e)

for v in [3+4j, -0.5j, 0.5j, complex(-0.0, -0.5), 1.5+2j, complex(1e20, -1e-5)]:
    for s in ["", "10", ".3", "+", "e", ".2f", "<20", "^20.3g", "z.1f", ",", "_.2f", "#", "0", "=10", "%", "*>012.3g", "0<E"]:
        print(repr(v), repr(s), show(lambda: format(v, s)))
for v, s in [(-0.0, "z.1f"), (-0.001, "z.3f"), (-0.0, "z"), (float("-inf"), "z012"), (1e-7, "#"),
             (1.5, "#"), ("abc", "030"), (255, "#c"), (1234, ",n"), (5, "z"), ("a", "z"),
             (-0.0, "z010.2f"), (1, "5_c"), (2.5, "0=,30f"), (-42, "0=,30"), (float("nan"), "030,.2f")]:
    print(repr(v), repr(s), show(lambda: format(v, s)))
for t, a in [("%5%", ()), ("%5%", 5), ("%12.3%", -42), ("%d", float("inf")), ("%d", float("nan")),
             ("%x", 1.5), ("%o", 2.0), ("%d", 2.7), ("%%", ()), ("% .0c", 7), ("%+#.12c", True)]:
    print(repr(t), repr(a), show(lambda: t % a))
