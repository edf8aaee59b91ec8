d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.values()), list(d.items()), len(d), "a" in d, 2 in d)
print(d.get("z"), d.get("z", 0), d.setdefault("a", 9), d.setdefault("z", 26), d.pop("z"), d.pop("q", None))
print(d.popitem(), d, d.copy() == d, d.copy() is d, dict.fromkeys(range(3), []))
d.update({"x": 1}, y=2); d.update([("w", 0)]); print(d)
e = {**d, "a": 100}; print(e, d | {"n": 1}, {k: v for k, v in sorted(d.items()) if v})
del d["x"]; print(d, sorted(d, key=d.get), max(d, key=lambda k: d[k]), min(d.items(), key=lambda kv: kv[1]))
print(dict(zip("abc", range(3))), dict([(1, 2)], three=3), dict(a=1) == {"a": 1}, {1: 2} != {1: 3})
ks = d.keys(); vs = d.values(); d["late"] = 5
print(ks, vs, "late" in ks, ks & {"a", "zz"}, sorted(ks | {"q"}), sorted(ks - {"a"}), list(reversed(d)))
try:
    d["missing"]
except KeyError as err:
    print("KeyError:", err)
try:
    {}.popitem()
except KeyError as err:
    print("KeyError:", err)
d.clear(); print(d, bool(d))
