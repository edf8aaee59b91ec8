for n in [0, 1, 7, 255, 256, -1, -128, 2 ** 70]:
    print(n, n.bit_length(), bin(n), hex(n), oct(n), n.bit_count() if n >= 0 else (-n).bit_count())
print(int("0x1f", 16), int("1f", 16), int("0b1011", 0), int("  42  "), int("-0o17", 0), int("z", 36), int("1_000"))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), pow(2, 100, 97), pow(3, -1, 7), pow(-2, 3))
print(7 // 2, -7 // 2, 7 % -2, -7 % 2, 2 ** -1, 10 ** 18 + 1, (10 ** 20) // 3, (10 ** 20) % 7, -(2 ** 63))
print(1 << 64, (1 << 64) >> 3, 0xFF & 0x0F, 0xF0 | 0x0F, 0xFF ^ 0x0F, ~0xFF, -(-5) >> 1, -5 >> 1)
print(round(15, -1), round(25, -1), round(-35, -1), round(1234567, -3), (12).as_integer_ratio(), True + True, int(True))
for bad in ["12a", "", "0x", "1__0"]:
    try:
        int(bad, 0) if bad.startswith("0x") else int(bad)
    except ValueError as e:
        print("ValueError:", e)
