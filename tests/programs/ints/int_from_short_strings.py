# int() of short decimal strings (a fast path without big integers)
# and of the strings just outside it, which the general parser reads.
for s in ["12", " 12 ", "-7", "+7", "007", "\t5\n", "123456789012345678", "1234567890123456789", "99999999999999999999", "-0", "1_000", "١٢", "\x0b5", "", "-", "+", " ", "12a", "0x10", "\u20035"]:
    try:
        print(repr(s), int(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
