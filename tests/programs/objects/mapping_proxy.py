# A class's __dict__ is a read-only mappingproxy; types.MappingProxyType
# wraps any mapping and shows its changes.
import types


class C:
    x = 1

    def m(self):
        return 2


d = C.__dict__
print(type(d).__name__, type(d) is types.MappingProxyType)
print(d["x"], d.get("x"), d.get("nope"), d.get("nope", 5))
print("x" in d, "nope" in d, "m" in d)
print(sorted(k for k in d if not k.startswith("__")))
print(sorted(k for k in d.keys() if not k.startswith("__")))
print(len(d) == len(list(d.items())) == len(list(d.values())))
try:
    d["y"] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del d["x"]
except TypeError as e:
    print("TypeError:", e)
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)

# Changes through setattr show up in a proxy taken earlier.
C.y = 3
print(d["y"], C().y)
print(type(d.copy()).__name__)

base = {"a": 1, "b": 2}
p = types.MappingProxyType(base)
print(p, repr(p), str(p))
print(p == {"a": 1, "b": 2}, p != base)
base["c"] = 3
print(p["c"], len(p), list(p), list(reversed(p)))
print(p | {"z": 0}, {"z": 0} | p)
print(list(p.items()), list(p.values()))
try:
    types.MappingProxyType([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    p.x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(types.MappingProxyType(p)["a"])
print(vars(C) is not None, type(vars(C)).__name__)
