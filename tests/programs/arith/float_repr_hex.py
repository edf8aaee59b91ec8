vals = [0.1, 1 / 3, 2 / 3, 1e22, 1e-7, 123456789.0, 5e-324, 1.7976931348623157e308, -0.0, 100.0]
for v in vals:
    print(repr(v), str(v), v.hex(), float.fromhex(v.hex()) == v, v.as_integer_ratio() if v else (0, 1))
print(float("1e500"), float("-inf"), float("nan") != float("nan"), float(" 3.5\n"), float("1_000.5"), float("-.5"))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(0.375, 2), round(1.005, 2), round(2.675, 2))
print((1.5).is_integer(), (2.0).is_integer(), 7.0 // 2, 7.5 % 2, -7.5 % 2, divmod(-7.5, 2), 2.0 ** 0.5, 10 / 4)
print(float.fromhex("0x1.fffffffffffffp+1023"), float.fromhex("0x1p-1022"), float.fromhex("-0x1.8p0"), float.fromhex("0X1P4"))
