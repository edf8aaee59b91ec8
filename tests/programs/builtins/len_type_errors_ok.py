things = ["abc", [1, 2], (1,), {"a": 1, "b": 2}, range(7), ""]
for t in things:
    print(type(t), len(t))
