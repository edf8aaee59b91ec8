# int(), float() and complex() read every script's decimal digits and
# Unicode spaces, and underscores only between digits (found by
# tools/fuzz.py numbers).
cases = ["\u0661\u0662", "\uff11\uff10", " \u0660 ", "\u0966.\u0967", "1_000", "0x_ff",
         "_70", "1_", "1__0", "-_7", "._1", "1_.5", "1_000.5_5", "++1", "+-1", "-+inf",
         "\u2003\u0663\u2003", "1e1_0", "\u0661e\u0662", "0x\u0661"]
for s in cases:
    out = []
    for f in (int, float, complex, lambda t: int(t, 0), lambda t: int(t, 16)):
        try:
            out.append(repr(f(s)))
        except ValueError:
            out.append("ValueError")
    print(ascii(s), out)
print("\u0660\u0669".isdecimal(), "\uff15".isdecimal(), "\u00b2".isdecimal(), "12".isdecimal())
