# An empty sequence repeated a huge number of times is empty at once
# (found by tools/fuzz.py jit: Taipan looped 2**62 times); a count past
# the machine word is still an OverflowError, a negative one empties.
for seq in ("", [], (), b"", bytearray()):
    for n in (0, 1, 2**62, 2**63 - 1, -5):
        r = seq * n
        print(type(r).__name__, repr(r), repr(n * seq))
x = ""
x *= 2**62
print(repr(x))
lst = []
lst *= 2**62
print(lst)
for seq in ("", [], ()):
    try:
        seq * 2**64
    except OverflowError as e:
        print("OverflowError", e)
print(repr("ab" * -1), [1, 2] * 0, (1,) * 3)
for n in (2**62, 2**40, 1, 0, -3):
    l2 = [1, 2]
    try:
        l2 *= n
        print(n, l2)
    except MemoryError:
        print(n, "MemoryError")
