# len() in compiled code of objects it does not measure inline (deques,
# sets, dicts, ranges, bytes, instances with __len__) goes to the type's
# length directly; its errors are the interpreter's, with the call's
# line in the traceback.
import sys
import traceback
from collections import OrderedDict, deque


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Big:
    def __len__(self):
        return sys.maxsize + 1


class Bad:
    def __len__(self):
        return "three"


def lengths(objs):
    total = 0
    for o in objs:
        total += len(o)
    return total


things = [
    deque(range(5)),
    {1, 2, 3},
    frozenset("abcd"),
    {"a": 1, "b": 2},
    OrderedDict(a=1),
    range(0, 100, 7),
    b"bytes",
    bytearray(3),
    Sized(11),
    "str",
    [1, 2],
    (1,),
    {}.keys(),
]
# (Warm: compiled with the interpreter's feedback that `len` is called.)
totals = set()
for i in range(300):
    totals.add(lengths(things))
print(totals)


def queue_churn(n):
    q = deque()
    total = 0
    for i in range(n):
        q.append(i)
        if len(q) > 3:
            total += q.popleft()
    return total, len(q)


print(queue_churn(200))


def one(o):
    return len(o)


for i in range(300):
    one(things[i % len(things)])
for bad in (Sized(-1), Bad(), Big(), 5, None, iter([1])):
    try:
        print(one(bad))
    except (ValueError, TypeError, OverflowError) as err:
        print(type(err).__name__, err)
        print(traceback.format_exc().splitlines()[-3].strip())
