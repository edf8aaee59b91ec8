# Methods of native types (collections.deque, io.StringIO) loaded by
# compiled code from type feedback: the native object's kind and type
# guard the method the interpreter's cache holds; other receivers at the
# same site (subclasses, other types, shadowing attributes) take the
# full lookup.
from collections import deque, OrderedDict
import io


def churn(q, n):
    t = 0
    for i in range(n):
        q.append(i)
        q.append(i + 1)
        t += q.popleft()
        if len(q) > 3:
            q.clear()
    return t, len(q), list(q)


for _ in range(2000):
    r = churn(deque(), 7)
print(r)


class MyDeque(deque):
    def append(self, x):
        deque.append(self, x * 10)


print(churn(MyDeque(), 7))
print(churn(deque(maxlen=2), 7))


class FakeQueue:
    def __init__(self):
        self.items = []

    def append(self, x):
        self.items.append(x)

    def popleft(self):
        return self.items.pop(0)

    def clear(self):
        self.items.clear()

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


print(churn(FakeQueue(), 7))


def pop_all(q):
    out = []
    while True:
        try:
            out.append(q.popleft())
        except IndexError as e:
            return out, str(e)


for _ in range(2000):
    r = pop_all(deque([1, 2, 3]))
print(r)
print(pop_all(deque()))


def write(o, s):
    return o.write(s)


for _ in range(2000):
    buf = io.StringIO()
    write(buf, "x")
s = io.StringIO()
s.write = lambda t: "shadowed " + t
print(write(s, "y"), repr(s.getvalue()))
print(write(io.StringIO(), "abc"))


def moved(d, k):
    d.move_to_end(k)
    return list(d)


for _ in range(2000):
    r = moved(OrderedDict(a=1, b=2, c=3), "a")
print(r)
try:
    moved(OrderedDict(), "zz")
except KeyError as e:
    print("KeyError", e)
try:
    deque.append = None
except TypeError as e:
    print("TypeError", e)
