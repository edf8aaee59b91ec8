d = {}
for k in [5, 3, 9, 1]:
    d[k] = str(k)
print(list(d), d)
d[3] = "three"; print(list(d.items()))
del d[5]; d[5] = "back"; print(list(d))
a = {1: "a", 2: "b"}; b = {2: "b", 1: "a"}
print(a == b, list(a) == list(b), {1: 1.0} == {1: 1}, {True: "t"} == {1: "t"}, {(1, 2): 3} == {(1, 2): 3})
m = {}
m[1] = "int"; m[1.0] = "float"; m[True] = "bool"
print(m, len(m))
keys = {None: 0, "": 1, (): 2, 0.5: 3, frozenset(): 4, -1: 5}
print([keys[k] for k in [None, "", (), 0.5, frozenset(), -1]])
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    {{}: 1}
except TypeError as e:
    print("TypeError:", e)
