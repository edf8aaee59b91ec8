# `d[k] = v` specialised for dicts with str and int keys after warming
# up; other keys, dict subclasses with __setitem__, lists and other
# mappings at the same site; a replaced value whose __del__ reads the
# dict; unhashable keys.

def put(d, k, v):
    d[k] = v
    return d

for i in range(20):
    put({}, "k%d" % i, i)
    put({}, i, i)

d = {}
for i in range(5):
    put(d, "a", i)
    put(d, i, str(i))
print(d)
print(put({}, 1.5, "float"), put({}, (1, 2), "tuple"), put({}, True, "bool"), put({1: "int"}, True, "bool"))

class D(dict):
    def __setitem__(self, k, v):
        print("  D.__setitem__", k, v)
        super().__setitem__(k, v * 2)

print(put(D(), "x", 1))
print(put([0, 1], 1, "list"))

class Mapping:
    def __init__(self):
        self.data = {}

    def __setitem__(self, k, v):
        self.data[k] = ("mapped", v)

print(put(Mapping(), "m", 1).data)

shared = {}

class Noisy:
    def __del__(self):
        print("  __del__ sees", sorted(shared))

put(shared, "n", Noisy())
put(shared, "other", 1)
put(shared, "n", "replaced")
print(shared)

try:
    put({}, [1], 2)
except TypeError as e:
    print("TypeError", e)
