# reversed() of a range steps back from its last value without making a
# list (ranges of 2**64 values included); of a sequence-protocol object
# it calls __getitem__ one index at a time, from len - 1 down.
import itertools

M = 2**32
for r in [range(10), range(0, 10, 3), range(10, 0, -4), range(5, 5), range(-M, M),
          range(2**63 - 3, 2**63 - 1), range(-2**63, -2**63 + 3), range(0, -2**63, -2**62),
          range(-2**63, 2**63 - 1, 2**62), range(2**63 - 1, -2**63, -2**63),
          range(0, 2**64, 2**63), range(-2**64, 2**64, -2), range(2**64, -2**64, -2**63),
          range(2**100, 2**100 + 5, 2)]:
    it = reversed(r)
    print(type(it).__name__, list(itertools.islice(it, 4)), list(reversed(r))[:4] if len(r) < 100 else "big")
    assert list(itertools.islice(reversed(r), 50)) == list(itertools.islice(r[::-1], 50))


class Seq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        print("getitem", i)
        if i >= 3:
            raise IndexError(i)
        return i * 10


it = reversed(Seq(5))
print("made")
print(list(it))
it = reversed(Seq(3))
print(next(it), next(it))
print(list(it), list(it))

huge = reversed(Seq(10**12))
print("huge made")


class Stops:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


print(list(reversed(Stops())))

# Slices of ranges whose bounds leave 64 bits.
for r in [range(0, -2**63, -2**62), range(-2**63, 2**63 - 1, 2**62),
          range(2**63 - 1, -2**63, -2**63), range(10)]:
    print(r[::-1], r[::-2], r[1::-1], r[::3], list(r[::-1])[:3])
for r in [range(2**64), range(-2**64, 2**64, -2), range(2**64, -2**64, -2**63), range(2**100, 2**100 + 5, 2)]:
    for sl in [slice(None, None, -1), slice(None, None, 3), slice(5, -5, 2), slice(-3, None), slice(2**70, None, -2), slice(-2**70, 2**70)]:
        print(r[sl])
try:
    range(2**64)[::0]
except ValueError as e:
    print("ValueError:", e)
