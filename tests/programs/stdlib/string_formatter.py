import string, _string
print(list(_string.formatter_parser("a{{b}}c{0!r:>{w}}d{name.attr[1]}e{}")))
f, rest = _string.formatter_field_name_split("a.b[0][key]")
print(f, list(rest))
print(string.Formatter().format("{0}-{x:>5}-{y[1]}", 1, x="ab", y=[3, 4]))
print(string.ascii_letters, string.Template("$who likes $what").substitute(who="tim", what="kung pao"), string.capwords("hello  world"))
try:
    list(_string.formatter_parser("a}b"))
except ValueError as e:
    print("ValueError:", e)
