# f-strings: conversions, format specs, nested specs, = specifier, __format__.
x = 42
y = 3.14159
name = "taipan"
print(f"{x} {y} {name}")
print(f"{x:5d}|{x:<5}|{x:^7}|{x:>06}|{x:+}|{-x:05}|{x:x}|{x:#X}|{x:#b}|{x:o}|{x:,}|{1234567:_}")
print(f"{y:.2f}|{y:10.3f}|{y:<10.1f}|{y:e}|{y:.3E}|{y:g}|{1e-7:g}|{1e20:g}|{y:%}|{0.5:.0%}")
print(f"{name!r} {name:>10} {name:*^12} {name:.3} {name!s:5}|")
print(f"{x=} {y=:.1f} {name = }")
print(f"{1/3} {2.0} {1e16} {float('inf')} {-0.0:.2f} {12345.678:,.2f}")
print(f"{x:{10}} {y:{'.'}{2}f}")
print(f"{True} {True:d} {None} {[1, 2]} {(1,)}")
print(f"{'é'!a} {1.5:.0f} {2.5:.0f} {0.125:.2f}")
print(format(255, "08b"), format(3.5), format("hi", "^6"), format(1e100, ".3g"), format(123.0, ".10g"))
print(f"{100:.3}" if False else f"{1.0:.3}", f"{123456.0:.3}", f"{0.0001234:.2}", f"{5:3c}|")
class P:
    def __format__(self, spec):
        return "P<" + spec + ">"
print(f"{P():abc} {P()}")
print(f"{x:.2f}")
