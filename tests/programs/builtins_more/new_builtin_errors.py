import math
cases = [
    lambda: (1).to_bytes(10**12, "big"),
    lambda: int.from_bytes("abc", "big"),
    lambda: math.comb(10**30, 10**29),
    lambda: range(1, 10).index("a"),
    lambda: range(1, 10).index(20),
    lambda: (1e308 + 1e308j) ** 2,
    lambda: bytes(-1),
    lambda: bytearray(b"x")[5],
    lambda: float.fromhex("0x1p99999"),
    lambda: complex("("),
    lambda: type("Z", (int, str), {}),
    lambda: str.join(1, []),
    lambda: slice(1, 2, 0).indices(5),
    lambda: iter(5, 5),
]
for i, c in enumerate(cases):
    try:
        print(i, "ok", c())
    except Exception as e:
        print(i, type(e).__name__, e)
