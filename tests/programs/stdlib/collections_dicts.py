from collections import defaultdict, OrderedDict, ChainMap
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd["c"], len(dd), "d" in dd, dd.default_factory)
counts = defaultdict(int)
for ch in "hello world":
    counts[ch] += 1
print(sorted(counts.items()), counts["?"])
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 1
print(nested["x"]["y"], dict(nested["x"]))
nd = defaultdict(None, {1: 2})
try:
    nd[5]
except KeyError as e:
    print("KeyError", e)
print(nd, defaultdict(set, a={1}).copy())
od = OrderedDict()
od["b"] = 1; od["a"] = 2; od["c"] = 3
print(od, list(od), list(od.keys()))
od.move_to_end("b"); print(od)
od.move_to_end("c", last=False); print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1), OrderedDict())
print(list(reversed(OrderedDict.fromkeys("xyz"))))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm), "b" in cm, cm.get("z", 0))
child = cm.new_child({"c": 4}); child["a"] = 9
print(child["a"], cm["a"], child.maps[0])
