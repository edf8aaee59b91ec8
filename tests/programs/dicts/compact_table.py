# The dict table keeps insertion order through deletions, re-insertions,
# growth and popitem; equal keys of different types are one key.
d = {}
for i in range(1000):
    d[i] = i * 2
for i in range(0, 1000, 3):
    del d[i]
print(len(d), list(d)[:10], sum(d.values()))
d["a"] = 1
d[1.0] = "float one"
d[True] = "true"
print(d[1], d.get("a"), d.popitem(), d.popitem(), len(d))
e = dict.fromkeys("abcdef")
del e["c"]
e["c"] = 3
e["a"] = 9
print(e, list(e.items()))
while e:
    print(e.popitem(), end=" ")
print()
g = {}
for r in range(5):
    for i in range(100):
        g[str(i)] = i
    for i in range(100):
        del g[str(i)]
print(g, len(g))
h = {(1, 2): "t", None: 0, "x": 1, -1: "minus one", -2: "minus two", 2**61 - 1: "m"}
print(h[(1, 2)], h[None], h[-1], h[-2], h[2**61 - 1], h[0] if 0 in h else "no 0", h)
# Keys whose hashes collide in a small table, deleted from the middle of
# their probe chains.
k = {}
for i in range(0, 64, 8):
    k[i] = i
del k[8], k[24]
print(list(k), 40 in k, 24 in k, k.get(56))
k[24] = "back"
print(list(k.items()))
# Iterating while deleting is an error, as in CPython.
try:
    for key in k:
        del k[key]
except RuntimeError as err:
    print("RuntimeError:", err)
print(len(k))
