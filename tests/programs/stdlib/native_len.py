"""len() and truth of native types whose __len__ is a built-in method
(deque, array), of their subclasses overriding __len__ or adding
__bool__, and of a subclass whose __len__ appears later; len() called
in a hot loop on each (the interpreter's CALL_NO_KW_LEN for other
types than list, tuple, str and dict)."""

import array
from collections import deque


class Short(deque):
    def __len__(self):
        return 1


class Falsy(deque):
    def __bool__(self):
        return False


class Later(deque):
    pass


q = deque()
total = 0
for i in range(500):
    q.append(i)
    total += len(q)
    if len(q) > 10:
        q.clear()
print(total, len(q), bool(q), bool(deque()))

a = array.array("i", range(7))
print(sum(len(a) for _ in range(300)), bool(a), bool(array.array("i")))

s = Short([1, 2, 3])
f = Falsy([1, 2])
print(len(s), bool(s), len(f), bool(f), bool(Falsy()))

later = Later([1, 2, 3, 4])
before = [len(later) for _ in range(200)][-1]
Later.__len__ = lambda self: 99
after = [len(later) for _ in range(200)][-1]
print(before, after, bool(later))
del Later.__len__
print(len(later))

try:
    len(5)
except TypeError as e:
    print(e)
