# Dict views: mapping (a read-only proxy of the dict), isdisjoint, and the
# container methods in their types' dicts.
d = {1: 2, 3: 4}
k = d.keys()
print(k.isdisjoint([5]), k.isdisjoint({1}), d.items().isdisjoint([(1, 2)]))
print(k.mapping, type(k.mapping).__name__, k.mapping is d or "proxy")
print(k.__len__(), list(k.__iter__()), k.__contains__(3), list(reversed(k)), list(k.__reversed__()))
print(d.values().mapping == d, "isdisjoint" in dir(d.values()), "isdisjoint" in dir(k))
print(sorted(n for n in dir(d.items()) if not n.startswith("_")))
d[5] = 6
print(k.mapping[5], len(k))
