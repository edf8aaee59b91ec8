# A SimpleNamespace that holds itself prints as namespace(...), as
# CPython's Py_ReprEnter guard makes it, instead of recursing without end.
import types

ns = types.SimpleNamespace(a=1)
ns.spam = ns
print(repr(ns))


class Node(types.SimpleNamespace):
    pass


n = Node(name="root")
n.child = Node(parent=n)
print(n)
pair = [ns, n]
print(pair)
print(types.SimpleNamespace(x=[1, 2], y={"k": ns}))
