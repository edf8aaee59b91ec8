"""Weak references to objects with their own __hash__/__eq__: a reference
hashes and compares as its target while it lives (WeakSet,
WeakKeyDictionary, mock objects in sets), by identity once dead."""

import weakref
from unittest import mock


class P:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, P) and self.v == other.v

    def __hash__(self):
        return hash(self.v)


a, b = P(1), P(1)
ra, rb = weakref.ref(a), weakref.ref(b)
print(ra == rb, ra != rb, hash(ra) == hash(rb) == hash(1))
print(rb in {ra}, len({ra, rb}))
ws = weakref.WeakSet([a, b])
print(len(ws), a in ws, P(1) in ws, P(2) in ws)
d = weakref.WeakKeyDictionary()
d[a] = 1
d[b] = 2
print(len(d), d[P(1)])
del a, b
print(len(ws), len(d), ra() is None, ra == rb, ra == ra)

m = mock.MagicMock()
ms = weakref.WeakSet()
ms.add(m)
print(len(ms), m in ms, {m: 1}[m])
