# printf-style formatting with %: flags, width, precision, *, mapping keys; a type error at the end.
print("%d items" % 5, "%s and %s" % ("a", "b"), "%r" % "q", "%5d|%-5d|%05d" % (42, 42, -42))
print("%.2f %10.3f %-8.1f| %e %g %G" % (3.14159, 2.5, 1.25, 12345.678, 0.0001, 1e20))
print("%x %X %#x %o %#o %c %c %%" % (255, 255, 255, 8, 8, 65, "z"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 7}, "%s" % [1, 2], "%s" % (None,))
print("%+d % d %+.1f" % (5, 5, 2.0), "%.3s|%5s|%-5s|" % ("abcdef", "ab", "ab"), "%*d|%.*f" % (5, 1, 2, 3.14159))
print("%d" % 3.9, "%i" % -2, "%.5d" % 42, "%s %s" % (1.5, True))
print("%s" % "only")
print("%d" % "x")
