# __init__ called again on a built-in container or a subclass instance:
# a list, set and bytearray are refilled, a dict is updated (not cleared).
d = {"a": 1}
d.__init__()
print(d)
d.__init__({"b": 2}, c=3)
print(d)
l = [1]
l.__init__([2, 3])
print(l)
l.__init__()
print(l)
s = {1}
s.__init__([5])
print(s)
b = bytearray(b"xy")
b.__init__(b"z")
print(b)


class D(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)


x = D(a=1)
x.__init__()
print(x)
x.__init__(b=2)
print(x)
from collections import Counter

c = Counter("ab")
c.__init__("a")
print(c)
print(list(iter([1, 2])), dict(iter([(1, 2)])), set(iter([3])))
