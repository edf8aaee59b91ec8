# Complex arithmetic at the edges of float range, as CPython does it:
# a power whose result has an infinite part is an OverflowError, an int
# too large for a float is an OverflowError wherever a complex meets it.
# (Found by tools/fuzz.py jit, seeds 1050 and 1232.)

cases = [
    "(10+10j) ** 400",
    "pow(2+0j, 10000)",
    "(2+3j) ** 1000",
    "(2+3j) ** 10.5",
    "(1.0000001+1j) ** 3000000",
    "complex(float('inf'), 0) ** 2",
    "(1e200+1e200j) ** 2",
    "(-8.0) ** (1/3)",
    "(-1e300) ** 1.5",
    "(0j) ** -1",
    "(0j) ** (1+1j)",
    "2**2000 + 1j",
    "1j + 2**2000",
    "2**2000 * 1j",
    "2**2000 - 1j",
    "(1+0j) / 2**2000",
    "1j ** 2**2000",
    "complex(2**2000)",
    "complex(1, 2**2000)",
    "(1+1j) == 2**2000",
    "complex(1e308, 1e308) * 10",
]
for text in cases:
    try:
        print(text, "->", eval(text))
    except Exception as exc:
        print(text, "->", type(exc).__name__, exc)
