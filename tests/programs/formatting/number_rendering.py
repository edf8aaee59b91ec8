values = [0, 1, -1, 7, 100, 12345.6789, -0.001, 1e21, 1.5e-7, 2 ** 53 + 1, 10 ** 30]
for v in values:
    print(repr(v), f"{v:>14,}" if isinstance(v, int) else f"{v:>14.4g}", f"{v:.2e}", str(float(v)))
print(round(123.456, 1), round(123.456, -1), round(-1.5), round(0.5), round(1.5), format(1e16), format(1e-5), format(123.0))
print(1 / 3, 2 / 3, 10 / 3, 1e16 + 1, 0.1 * 3, 1.1 + 2.2, 3 * 1.1, 100 * 1.1, 2.5e-310, float(2 ** 1023) * 1.5)
print(int(1e15), int(-2.9), int("0042"), float("1e-3"), float("0x10" if False else "16"), str(10 ** 25 // 7), hex(-255), bin(-5))
