# Container instructions compiled without interpreter steps: tuple and
# list unpacking inline (other iterables and wrong lengths in the
# interpreter), GET_ITER, `in` / `not in`, f-string formatting and the
# BUILD_TUPLE / BUILD_LIST / BUILD_STRING helper, with errors raised in
# the middle of expressions.


def unpack(seqs):
    out = []
    for s in seqs:
        a, b, c = s
        out.append(a * 100 + b * 10 + c)
    return out


print(unpack([(1, 2, 3), [4, 5, 6], (7, 8, 9)] * 2))
print(unpack([range(3), "123" and (1, 2, 3), iter([3, 2, 1])]))
print(unpack([(x, x + 1, x + 2) for x in range(5)]))


def gen3():
    yield 1
    yield 2
    yield 3


print(unpack([gen3(), {0: 0, 1: 1, 2: 2}]))
for bad in [(1, 2), [1, 2, 3, 4], 5, "ab", None]:
    try:
        unpack([bad])
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


def swap_pairs(pairs):
    total = 0
    for p in pairs:
        x, y = p
        y, x = x, y
        total += x * 3 - y
    return total


print(swap_pairs([(i, i * 2) for i in range(50)]))


def member(keys, container):
    hits = []
    for k in keys:
        if k in container:
            hits.append(k)
        if k not in container:
            hits.append(-1)
    return hits


print(member(range(6), {1: "a", 3: "b"}))
print(member(range(6), [0, 5]))
print(member(range(3), range(1, 2)))
print(member(["a", "q"], "abc"))


class Odd:
    def __contains__(self, x):
        if x == 4:
            raise KeyError("four")
        return x % 2 == 1


try:
    print(member(range(6), Odd()))
except KeyError as e:
    print("KeyError", e)
try:
    member([1], 5)
except TypeError as e:
    print("TypeError", e)


def iterate(things):
    n = 0
    for t in things:
        for x in t:
            n += 1
    return n


print(iterate([[1, 2], (3,), "abcd", {5: 6}, range(7)]))
try:
    iterate([[1], 2])
except TypeError as e:
    print("TypeError", e)


class Money:
    def __init__(self, v):
        self.v = v

    def __format__(self, spec):
        if spec == "bad":
            raise ValueError("bad spec")
        return f"${self.v:{spec or '.2f'}}"

    def __repr__(self):
        return f"Money({self.v!r})"

    def __str__(self):
        return "money"


def report(items, width):
    lines = []
    for name, value in items:
        lines.append(f"{name:>{width}}|{value}|{value!r}|{value!s}|{name!a}|{value:8}")
    return "\n".join(lines)


print(report([("tea", 1.5), ("café", Money(3)), ("x", 10**20), ("", True)], 6))
try:
    report([("a", Money(1))], "bad")
except ValueError as e:
    print("ValueError", e)


def spec_error(v):
    return f"{v:bad}"


try:
    spec_error(Money(2))
except ValueError as e:
    print("ValueError", e)
try:
    spec_error(3)
except ValueError as e:
    print("ValueError", e)


def builds(n):
    acc = []
    for i in range(n):
        t = (i, i + 1, i + 2, [i] * 2, [], ())
        acc.append(t)
    return acc[-1], len(acc), [tuple(x) for x in acc[:2]]


print(builds(30))
