import weakref, gc
class O: pass
d = weakref.WeakValueDictionary()
a, b = O(), O()
d['a'] = a; d['b'] = b
print(sorted(d.keys()), len(d))
del a; gc.collect()
print(sorted(d.keys()), len(d))
s = weakref.WeakSet([b])
print(len(s), b in s)
k = weakref.WeakKeyDictionary(); k[b] = 1; print(len(k)); del b; gc.collect(); print(len(k), len(s), list(d.keys()))
f = weakref.finalize(O(), print, "finalized")
gc.collect()
