x = 1
del x
try_value = 5
print(try_value)
l = [1, 2, 3]
del l[1]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
