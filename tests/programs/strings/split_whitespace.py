# str.split() with no separator: every ASCII whitespace character, runs
# of them, leading and trailing ones, one-character words (shared strs,
# as CPython's), and non-ASCII text (Unicode spaces split too).
line = " ".join(["alpha", "beta", "gamma", "delta"] * 4)
cases = ["", "   ", " a b  c ", "a\tb\nc\x0bd\x0ce\rf\x1cg\x1dh\x1ei\x1fj", "x",
         "  lead", "trail  ", "é a", "a\xa0b", "a\u2003b c", "a\x85b", "\x00 \x7f"]
for c in cases:
    words = c.split()
    print(repr(c), words, [w is w[:1] for w in words if len(w) == 1])
print(line.split()[:5], len(line.split()), line.split(None), line.split(maxsplit=2))


class S(str):
    pass


print(S(" p q ").split(), type(S("a b").split()[0]).__name__)
