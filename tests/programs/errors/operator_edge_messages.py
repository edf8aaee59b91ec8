# Messages of operator errors at the edges that the JIT differential fuzz
# target (tools/fuzz.py jit) found differing from CPython's: `**` named
# with pow(), a non-int times a sequence, repetitions past the largest
# size, and indices past the machine word.
import array
CASES = [
    '"a" ** 2', 'x = "a"\nx **= 2', 'pow("a", 2)', '[1] ** 2.0', 'None ** None',
    '1.5 * "a"', 'x = 1.5\nx *= "a"', '"a" * 1.5', '[1] * 2.0', 'None * (1,)',
    '[1] * [2]', '"ab" * "c"',
    '"ab" * 2**62', '[1, 2] * 2**62', '(1,) * 2**63', 'b"ab" * 2**62',
    'bytearray(b"ab") * 2**62', '"ab" * 2**64',
    '[1][2**64]', '"a"[2**64]', '(1,)[-2**64]', 'x = [1]\nx[2**64] = 1',
    'x = [1]\ndel x[2**64]', '[1].pop(2**64)', 'range(10)[2**64]',
    'b"a"[2**64]', 'bytearray(b"a")[2**64]', 'array.array("b", [1])[2**64]',
]
for code in CASES:
    try:
        exec(code)
        print(repr(code), "ok")
    except Exception as e:
        print(repr(code), type(e).__name__, e)
for code in ['"ab" * -2**64', '[1] * -2**64', '-2**64 * (1,)', '"é" * 2**62', '"é" * 2**63']:
    try:
        exec(code)
        print(repr(code), "ok")
    except Exception as e:
        print(repr(code), type(e).__name__, e)
inf = float("inf")
for base in (-inf, inf, -2.0, -0.0):
    for e in (0.5, -0.5, 3.0, -3.0, 2.0, 1.5):
        try:
            print(base, e, base ** e)
        except Exception as ex:
            print(base, e, type(ex).__name__, ex)
