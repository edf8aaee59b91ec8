print(int("123"), int("-45"), int("  7  "), int("+9"), int("1_000"))
print(int("ff", 16), int("0x1f", 16), int("777", 8), int("101", 2), int("z", 36), int("0b11", 0))
print(int(3.99), int(-3.99), int(True), int("12345678901234567890123"))
print(float("3.25"), float("-1e3"), float(" 2 "), float("1_0.5"))
