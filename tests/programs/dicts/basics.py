d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d), d["two"], "one" in d, "four" in d)
d["one"] = 100
print(d)
del d["two"]
print(d, d.get("two"), d.get("two", -1), d.get("three"))
for k in d:
    print(k, d[k])
e = {}
e[1] = "int"
e[1.0] = "float"
e[True] = "bool"
e[(1, 2)] = "tuple"
print(e, len(e))
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, dict() == {})
