# Values at and past the limits CPython 3.11 enforces.
import math
import sys


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


t(lambda: int("08", 0))
t(lambda: int("0_0", 0))
t(lambda: int("00", 0))
t(lambda: int("0x1f", 0))
t(lambda: "%c" % 2**40)
t(lambda: "%c" % -1)
t(lambda: "%c" % 65)
t(lambda: [].insert(2**63, 1))
t(lambda: round(1.5, -2**62))
t(lambda: round(-1.5, -400))
t(lambda: math.log(2**10000))
t(lambda: math.log10(2**10000))
t(lambda: math.log2(2**10000))
t(lambda: math.log(2**10000, 2))
t(lambda: len(1, 2))
t(lambda: len(str(10**4299)))
t(lambda: len(str(10**100000)))
t(lambda: f"{10**5000}")
t(lambda: "%d" % 10**5000)
t(lambda: int("1" * 4300) % 7)
t(lambda: int("1" * 5000))
t(lambda: int("1" * 5000, 16) % 7)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(10000)
t(lambda: len(str(10**5000)))
t(lambda: sys.set_int_max_str_digits(100))
sys.set_int_max_str_digits(0)
t(lambda: len(str(10**20000)))
print(sys.get_int_max_str_digits())
