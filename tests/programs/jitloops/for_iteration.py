# FOR_ITER over ranges and lists, which compiled code steps inline: every
# step, the end of the loop, and every case the inline step leaves to the
# runtime (other iterators, a range whose next step would overflow, a
# list that changes while it is iterated, an iterator shared with
# `next()` in the body).
import sys


def ranges():
    out = []
    for i in range(5):
        out.append(i)
    for i in range(10, 0, -3):
        out.append(i)
    for i in range(-5, -20, -4):
        out.append(i)
    for i in range(3, 3):
        out.append("never")
    for i in range(7, 2):
        out.append("never")
    for i in range(2, 7, 10):
        out.append(i)
    return out


def near_the_ends():
    big = sys.maxsize
    out = []
    for i in range(big - 5, big, 2):
        out.append(i - big)
    for i in range(-big - 1, -big + 5, 3):
        out.append(i + big)
    for i in range(big - 2, big + 3):
        out.append(i - big)
    for i in range(-big, -big - 10, -4):
        out.append(i + big)
    for i in range(big - 1, -big, -big):
        out.append(i)
    return out


def lists():
    xs = [1, "a", None, 2.5, [3], (4,), {5: 6}]
    out = [repr(x) for x in xs]
    for x in xs:
        out.append(type(x).__name__)
    grow = [1, 2]
    for x in grow:
        if len(grow) < 6:
            grow.append(x * 10)
    out.append(grow)
    shrink = [1, 2, 3, 4, 5, 6]
    for x in shrink:
        shrink.pop()
        out.append(x)
    out.append(shrink)
    replaced = [1, 2, 3]
    for x in replaced:
        replaced[:] = ["a", "b", "c", "d"]
        out.append(x)
    for x in []:
        out.append("never")
    return out


def shared_iterators():
    out = []
    it = iter(range(10))
    for i in it:
        out.append((i, next(it, None)))
    out.append(list(it))
    lit = iter([1, 2, 3, 4, 5])
    for x in lit:
        out.append((x, next(lit, None)))
    for x in lit:
        out.append("never")
    r = iter(range(3))
    for x in r:
        pass
    for x in r:
        out.append("never")
    return out


def other_iterators():
    out = []
    for c in "héllo":
        out.append(c)
    for t in (1, 2, 3):
        out.append(t)
    for k in {"a": 1, "b": 2}:
        out.append(k)
    for i in range(2**70, 2**70 + 3):
        out.append(i - 2**70)
    for x in reversed(range(4)):
        out.append(x)
    for x in map(abs, [-1, -2]):
        out.append(x)
    return out


def items_live_after_the_list():
    xs = [[i] for i in range(5)]
    kept = []
    for x in xs:
        kept.append(x)
    del xs
    return kept


def sums(n):
    total = 0
    for i in range(n):
        for j in range(i):
            total += j
    for v in [1.5, 2.5, 3.5] * n:
        total += v
    return total


class Loud:
    def __del__(self):
        print("freed", id(self) is not None)


def releases_at_the_end():
    for x in [Loud(), Loud()]:
        pass
    print("loop done")


def raising_in_the_body():
    total = 0
    try:
        for i in range(10):
            total += 10 // (5 - i)
    except ZeroDivisionError as e:
        print("caught", e, total)
    for x in [1, 0, 2]:
        try:
            total += 1 // x
        except ZeroDivisionError:
            total += 100
    return total


for _ in range(3):
    print(ranges())
    print(near_the_ends())
    print(lists())
    print(shared_iterators())
    print(other_iterators())
    print(items_live_after_the_list())
    print(sums(30))
    releases_at_the_end()
    print(raising_in_the_body())
