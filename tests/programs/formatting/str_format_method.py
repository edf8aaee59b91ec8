print("{} {} {}".format(1, "two", 3.0), "{2}{1}{0}".format("a", "b", "c"), "{x}-{y}".format(x=1, y=2))
print("{0[0]} {0[1]} {1[key]}".format([9, 8], {"key": "v"}), "{p.real} {p.imag}".format(p=3 + 4j))
print("{:>5}|{:<5}|{:^5}|{:=+6}".format("a", "b", "c", 42), "{:.3}".format("truncate"), "{:.3}".format(2.71828))
print("{:,}".format(1234567.891), "{:_b}".format(255), "{:e}".format(0.000123), "{:G}".format(1e-10), "{:n}".format(1234))
print("{!r} {!s} {!a}".format("x", "y", "ü"), "{0!r:>10}".format("r"), "{:{}{}}".format(3.14159, ".", "2f"))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
try:
    "{:d}".format("s")
except ValueError as e:
    print("ValueError:", e)
print("%s %s" % (1, [2]), "%5.1f%%" % 99.44, "%-5d|" % 3, "%+d %+d" % (5, -5), "%e" % 1234.5, "%g %g" % (0.00001, 123456789))
