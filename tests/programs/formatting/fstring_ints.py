# f-strings and str() of ints: the decimal text of every small int
# (signs, zero, the 64-bit ends), bools and int subclasses keep their
# own text, conversions and specs still apply, and parts of other kinds
# join with them.
import sys


class Count(int):
    def __str__(self):
        return "Count!"

    def __format__(self, spec):
        return "fmt(" + spec + ")"


values = [0, 7, -7, 10, -10, 99, 100, 12345678901234, -9223372036854775808,
          9223372036854775807, 9223372036854775808, -(10 ** 30), True, False,
          Count(5)]
for v in values:
    print(f"{v}", f"<{v}>", f"{v!r}", f"{v!s}", f"{v!a}", str(v), repr(v))
    print(f"{v:>8}|{v:<6}|{v:^7}|{v:+}|{v:,}" if not isinstance(v, Count) else f"{v:>8}")


def pieces(n):
    out = []
    for i in range(-n, n):
        out.append(f"{i}:{i * i}:{-i}")
    return " ".join(out)


for _ in range(3):
    text = pieces(300)
print(len(text), text[:60], text[-60:])
print(f"{sys.maxsize} {-sys.maxsize - 1} {1.5} {None} {'s'} {b'b'} {[1, 2]}")
print("".join(f"{d}" for d in range(10)), str(-0), f"{-0}")
