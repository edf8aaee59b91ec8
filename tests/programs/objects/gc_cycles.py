# The cycle collector: the gc module's controls, and cycles of every
# container kind found and broken while everything reachable survives.
import gc

print(gc.isenabled(), gc.get_threshold())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
old = gc.get_threshold()
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold())
print(type(gc.collect()), type(gc.get_count()), len(gc.get_count()))
for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
print(gc.collect(generation=0) >= 0, gc.garbage)
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None


def make_garbage():
    a = []
    a.append(a)
    d = {}
    d["self"] = d
    n1, n2 = Node("n1"), Node("n2")
    n1.peer, n2.peer = n2, n1
    s = Node("slot-like")
    s.__dict__["me"] = s

    def outer():
        def inner():
            return inner
        return inner

    f = outer()

    class Local:
        pass

    Local.me = Local

    def gen():
        g = yield
        yield g

    g = gen()
    next(g)
    g.send(g)
    t = ([],)
    t[0].append(t)
    m = Node("method")
    m.bound = m.__init__
    return 0


make_garbage()
found = gc.collect()
print("found garbage:", found >= 12)
print("again:", gc.collect())

# What is reachable survives a collection, cycles included.
keep = []
for i in range(50):
    a = Node("kept%d" % i)
    a.peer = a
    lst = [a, i]
    lst.append(lst)
    keep.append(lst)
gc.collect()
print(all(k[0].peer is k[0] and k[2] is k and k[1] == i for i, k in enumerate(keep)))
print(keep[7][0].name, keep[49][0].name)

# A cycle reachable only from a local of a running frame survives.
def holder():
    x = Node("local")
    x.peer = x
    gc.collect()
    return x.peer.name


print(holder())

# A generator suspended inside a cycle, then collected.
def counter():
    n = 0
    while True:
        n += 1
        yield n


c = counter()
box = {"gen": c}
box["box"] = box
print(next(c), next(c))
del c, box
print(gc.collect() >= 1)

# Class attribute caches do not keep dead classes alive forever.
for i in range(100):
    class Temp:
        def method(self):
            return i

    Temp().method()
gc.collect()
print("classes collected")
