# Limits of format specs and %-formatting, with CPython 3.11.7's errors:
# repeated or mixed thousands separators, widths and precisions past
# Py_ssize_t or C int, and `*` arguments too large.
import sys

for spec in [",,", "__", ",_", "_,", ",_d", ",d", "_x", ",.2f", "_.3e"]:
    try:
        value = 1234.5 if ("f" in spec or "e" in spec) else 1234567
        print(spec, format(value, spec))
    except ValueError as e:
        print(spec, e)
for s in [".%sf" % (sys.maxsize + 1), ".%sf" % 2**31, "%sd" % (sys.maxsize + 1)]:
    for v in (1.5, 1.5j, 7):
        try:
            print(len(format(v, s)))
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
for fmt, args in [("%.*d", (sys.maxsize, 1)), ("%.*d", (2**31 - 2, 1)), ("%.*f", (2**31, 1.0)),
                  ("%.2147483648d", (1,)), ("%.*s", (2**40, "ab")), ("%*d", (2**64, 1)),
                  ("%99999999999999999999d", (1,)), ("%.*s", (-3, "ab")), ("%*s|", (-4, "ab"))]:
    try:
        print(fmt, repr(fmt % args))
    except (ValueError, OverflowError) as e:
        print(fmt, type(e).__name__, e)
