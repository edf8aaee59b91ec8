# Huge precisions and widths: the digits CPython prints (Rust formats at
# most 65,535 places; past an f64's exact digits there are only zeros), and
# MemoryError or OverflowError, never an abort, when a width cannot be had.
cases = [
    ('"%.65536f" % 1.0', lambda: "%.65536f" % 1.0),
    ('f"{1.5:.65536f}"', lambda: f"{1.5:.65536f}"),
    ('"{:.65536%}".format(.5)', lambda: "{:.65536%}".format(.5)),
    ('"%.65536e" % 1.0', lambda: "%.65536e" % 1.0),
    ('format(2.5, ".65536")', lambda: format(2.5, ".65536")),
    ('"x".zfill(2**62)', lambda: "x".zfill(2**62)),
    ('"x".center(2**62)', lambda: "x".center(2**62)),
    ('"x".ljust(2**60)', lambda: "x".ljust(2**60)),
    ('"a\\tb".expandtabs(2**40)', lambda: "a\tb".expandtabs(2**40)),
    ('"%.70000d" % 5', lambda: "%.70000d" % 5),
    ('format(1/3, ".2000f")', lambda: format(1 / 3, ".2000f")),
    ('format(1e-320, ".1100e")', lambda: format(1e-320, ".1100e")),
    ('format(2**0.5, ".900g")', lambda: format(2**0.5, ".900g")),
]
for s, f in cases:
    try:
        r = f()
        print(s, "->", r if len(r) < 60 else (len(r), r[:12], r[-12:], r.count("0")))
    except (MemoryError, OverflowError) as e:
        print(s, "->", type(e).__name__, e)
