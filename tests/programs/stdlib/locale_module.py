"""_locale under locale.py: the encoding, conventions, categories,
collation."""
import locale

print(locale.getencoding(), locale.getpreferredencoding())
print(locale.setlocale(locale.LC_NUMERIC), locale.setlocale(locale.LC_NUMERIC, "C"))
conv = locale.localeconv()
print(conv["decimal_point"], repr(conv["thousands_sep"]), conv["grouping"], conv["frac_digits"])
print(sorted(conv))
print(locale.strcoll("a", "b") < 0, locale.strcoll("b", "a") > 0, locale.strxfrm("abc"))
print(locale.format_string("%.2f", 1234.5), locale.format_string("%d", 1234567, grouping=True))
print(locale.atof("3.25"), locale.atoi("42"), locale.str(1.5))
try:
    locale.setlocale(locale.LC_ALL, "no_such_locale.xyz")
except locale.Error as e:
    print("Error:", e)
print(locale.nl_langinfo(locale.RADIXCHAR), locale.nl_langinfo(locale.DAY_1))
