# for loops over tuples in compiled code (the inline step of a tuple
# iterator): empty and one-item tuples, items of every kind (their
# references kept right), nested loops over the same tuple, an iterator
# partly consumed before the loop, one moved by __setstate__, tuple
# subclasses, and breaking out early.
import gc


class Pair(tuple):
    def __iter__(self):
        yield "sub"
        yield from tuple.__iter__(self)


def walk(t):
    out = []
    for x in t:
        out.append(x)
    return out


def neighbours(x, y):
    total = 0
    for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
        total += nx * 3 + ny
    return total


def nested(t):
    pairs = 0
    for a in t:
        for b in t:
            if a is b:
                pairs += 1
    return pairs


def partial(t):
    it = iter(t)
    first = next(it)
    rest = [v for v in it]
    it2 = iter(t)
    it2.__setstate__(2)
    moved = []
    for v in it2:
        moved.append(v)
    return first, rest, moved


def early(t, stop):
    seen = []
    for v in t:
        if v == stop:
            break
        seen.append(v)
    else:
        seen.append("end")
    return seen


items = (1, -2.5, "s", None, [1], (2, 3), {"k": 4}, True, 10 ** 30)
for _ in range(300):
    r1 = walk(items)
    r2 = neighbours(3, 4)
    r3 = nested(items)
    r4 = partial(items)
    r5 = early(items, "s"), early(items, "nope")
    r6 = walk(()), walk((7,)), walk(Pair((1, 2)))
print(r1)
print(r2, r3, r4)
print(r5)
print(r6)
objs = tuple(object() for _ in range(5))
before = [sys_ref for sys_ref in map(id, objs)]
for _ in range(200):
    walk(objs)
gc.collect()
print(len(objs), [id(o) for o in objs] == before)
