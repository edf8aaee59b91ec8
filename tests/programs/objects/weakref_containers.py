# The weakref module's containers and finalize, over _weakref.
import gc
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Obj(%s)" % self.name


a, b, c = Obj("a"), Obj("b"), Obj("c")
wvd = weakref.WeakValueDictionary()
wvd["a"] = a
wvd["b"] = b
wvd["c"] = c
print(len(wvd), sorted(wvd.keys()), wvd["b"], wvd.get("zzz", "none"), "a" in wvd)
del b
print(len(wvd), sorted(wvd.keys()), "b" in wvd, wvd.get("b"))
try:
    wvd["b"]
except KeyError as e:
    print("KeyError", e)
print(sorted(v.name for v in wvd.values()), sorted(k for k, v in wvd.items()))

wkd = weakref.WeakKeyDictionary()
wkd[a] = 1
wkd[c] = 3
print(len(wkd), wkd[a], a in wkd, wkd.get(c))
del c
print(len(wkd), sorted(v for v in wkd.values()), [k.name for k in wkd])

ws = weakref.WeakSet()
x, y = Obj("x"), Obj("y")
ws.add(x)
ws.add(y)
ws.add(x)
print(len(ws), x in ws, sorted(o.name for o in ws))
del x
print(len(ws), sorted(o.name for o in ws))

# A cycle holding a weakly referenced object.
z = Obj("z")
z.self = z
wz = weakref.ref(z)
del z
print(wz() is not None)
gc.collect()
print(wz())

# finalize runs once, when the object dies or when called.
f = Obj("f")
fin = weakref.finalize(f, print, "finalized", "f")
print(fin.alive)
del f
print(fin.alive)
g = Obj("g")
fin2 = weakref.finalize(g, lambda: print("finalized g early") or 42)
print(fin2(), fin2(), fin2.alive)
del g
print("end")
