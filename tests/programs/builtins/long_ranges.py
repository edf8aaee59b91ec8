# range objects beyond 64 bits, as CPython's longrangeobject.
big = 1 << 100
r = range(big)
print(r, type(r).__name__, bool(r), bool(range(big, big)))
print(r.start, r.stop, r.step)
print(r[0], r[-1], r[12345678901234567890])
print(type(iter(r)).__name__, type(iter(range(10))).__name__)
it = iter(range(big, big + 3))
print(list(it))
print(big - 1 in r, big in r, -1 in r, 7 in r, 7.0 in range(big, big + 10))
print(r.index(99), r.count(big), r.count(5))
print(range(0, big, 2)[-1], list(range(-big, -big - 6, -2)))
print(range(0, big) == range(0, big, 1), range(big, 0) == range(5, 2), range(3) == range(0, 3))
print(hash(range(big, big)) == hash(range(0)), hash(range(0, big)) == hash(range(0, big)))
try:
    len(r)
except OverflowError as e:
    print("OverflowError:", e)
print(len(range(big, big + 5)))
try:
    r[big]
except IndexError as e:
    print("IndexError:", e)
try:
    range(0, big, 0)
except ValueError as e:
    print("ValueError:", e)
print(range(big, big + 6, 3), list(range(big, big + 6, 3)))
print(sum(range(2**62, 2**62 + 4)))
