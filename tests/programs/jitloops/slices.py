"""Two-part slices (BUILD_SLICE 2) and pairs (BUILD_TUPLE 2) in compiled
code. Slices of strs, lists,
tuples and a class's __getitem__ (which sees the slice object), with
None and negative bounds, and bounds of the wrong type."""


class Seen:
    def __getitem__(self, key):
        return (type(key).__name__, key.start, key.stop, key.step)


def words(ws):
    acc = {}
    for w in ws:
        acc[w[:2]] = acc.get(w[:2], "") + w[-1] + w[1:][:1] + w[::2]
    return sorted((k, len(v), v[:12]) for k, v in acc.items())


def lists(n):
    total = 0
    data = list(range(20))
    tup = tuple(data)
    for i in range(n):
        total += sum(data[i % 5:i % 7 + 3]) + len(tup[-i % 4:]) + len(data[:-1])
    return total


def bad(n):
    out = []
    for i in range(n):
        try:
            out.append([1, 2, 3][i * 0.5:2])
        except TypeError as e:
            out.append(str(e))
    return out[:3]


print(words(["alpha", "beta", "gamma", "x"] * 100)[:3])
print(lists(500))
print(bad(300))
s = Seen()
print([s[i:-i] for i in range(250)][-1], s[:], s["a":None])


def pairs(n):
    # BUILD_TUPLE 2 in compiled code: keys, swapped pairs, nested pairs.
    seen = {}
    for i in range(n):
        k = (i % 7, -i % 5)
        seen[k] = seen.get(k, 0) + 1
        a, b = (k[1], k[0])
        seen[(a, (b, None))] = i
    return len(seen), seen[(0, 0)], max(v for k, v in seen.items() if len(k) == 2 and k[1] is not None and isinstance(k[1], tuple))


print(pairs(400))
