# Operators complex numbers lack fail as unsupported before an int operand
# is converted (found by tools/fuzz.py jit, seed 203).
for expr in ["1j // 2**2000", "1j % 2**2000", "2**2000 // 1j", "1j << 2**2000", "1j + 2**2000", "1j // 2", "1j & 2**2000"]:
    try:
        print(expr, eval(expr))
    except Exception as e:
        print(expr, type(e).__name__, e)
class R:
    def __rfloordiv__(self, o):
        return "rfloordiv"
print(1j // R())
