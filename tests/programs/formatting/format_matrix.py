# format() over a matrix of values and format specs; every line is
# compared with CPython's.
ints = [0, 1, -1, 7, 42, -42, 255, 1000, 123456789, -987654321, 2 ** 70, -(2 ** 65), True, False]
int_specs = ["", "d", "5", "<6", ">6", "^7", "*^9", "=8", "+", "-", " ", "+08", "08", "010,",
             ",", "_", "_x", "_b", "x", "X", "#x", "#X", "o", "#o", "b", "#b", "#010b", "n",
             "e", ".2e", "f", ".1f", "g", "%", ".0%", "c" if False else "d", "+,", " 12_"]
for v in ints:
    print(repr(v), end=" ")
    for s in int_specs:
        print(format(v, s), end="|")
    print()

floats = [0.0, -0.0, 1.0, -1.5, 3.14159, 2.5, 0.5, 1e-7, 1e-5, 0.0001, 1e16, 1e15,
          1.5e300, 123456.789, -987.0, 1 / 3, 2 / 3, 100.0, 1e22, 9.999999, 0.000123456,
          float("inf"), float("-inf"), float("nan")]
float_specs = ["", "f", ".0f", ".1f", ".2f", ".10f", "e", ".0e", ".3e", "E", "g", ".1g", ".3g",
               ".10g", "G", "#g", "#.3g", "%", ".1%", "10.2f", "<10.2f", "^12.3e", "+.2f", " .2f",
               "010.3f", ",.2f", "_.1f", ",", ".3", ".1", ".12", "#.0f", "#.0e", "n", "*>12"]
for v in floats:
    print(repr(v), end=" ")
    for s in float_specs:
        print(format(v, s), end="|")
    print()

strs = ["", "a", "hello", "héllo", "日本語"]
str_specs = ["", "s", "5", "<5", ">5", "^6", "*^7", ".2", "8.3", "-^9", "0>4"]
for v in strs:
    print(repr(v), end=" ")
    for s in str_specs:
        print(format(v, s), end="|")
    print()

x, y, name = 42, 2.75, "taipan"
print(f"{x}{y}{name}", f"{x!r:>5}", f"{name!r:^12}", f"{name!a}", f"{'ü'!a}", f"{x=}", f"{y = :.1f}")
width, prec = 12, 3
print(f"[{y:{width}.{prec}f}]", f"[{name:{'>'}{width}}]", f"{{literal}} {x}", f"{x:{'x'}}")
print(f"{[1, 'a', 2.5]} {(1,)} {None} {True} {3 + 4j if False else 7}", f"{'nested ' + f'{x:03}'}")
print(f"""{
    x
    +
    1
}""", f"{x:}", f"{'':5}|", f"{x:{''}}")
