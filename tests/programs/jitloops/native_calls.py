# Calls of built-in and native types' methods that compiled code makes
# straight to the method's function (the method object compared with the
# one the interpreter's cache saw): results, exceptions raised inside the
# method (caught in the loop, or shown in a traceback with its line),
# Python code the method calls back (__eq__, __hash__), receivers of
# subclasses at the same warm site, and a method object that is not the
# one compiled against.
from collections import deque
import traceback


def words(text):
    counts = {}
    index = {}
    for lineno, line in enumerate(text.split("\n")):
        for word in line.split():
            key = word.lower().strip(".,")
            counts[key] = counts.get(key, 0) + 1
            index.setdefault(key, []).append(lineno)
    return sorted(counts.items()), sorted(index.items())


text = "The cat.\nthe Dog, the cat\nA dog"
for _ in range(300):
    r = words(text)
print(r)


def pops(d, keys):
    out = []
    for k in keys:
        try:
            out.append(d.pop(k))
        except KeyError as e:
            out.append(("missing", e.args))
    return out


for _ in range(300):
    r = pops({1: "a", 2: "b"}, [1, 3, 2, 2])
print(r)


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        if self.k == "boom":
            raise ValueError("no hash for boom")
        return hash(self.k)

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k


def lookups(d, keys):
    return [d.get(Key(k), "-") for k in keys]


table = {Key("a"): 1, Key("b"): 2}
for _ in range(300):
    r = lookups(table, ["a", "b", "c"])
print(r)
try:
    lookups(table, ["a", "boom"])
except ValueError:
    traceback.print_exc(limit=-2, file=__import__("sys").stdout)


def queue(q, n):
    t = 0
    err = None
    for i in range(n):
        q.append(i)
        t += q.popleft()
    try:
        q.popleft()
    except IndexError as e:
        err = ("IndexError", str(e))
    return t, err


for _ in range(300):
    r = queue(deque(), 5)
print(r)


class Q(deque):
    pass


class Loud(deque):
    def popleft(self):
        print("Loud.popleft")
        return deque.popleft(self)


print(queue(Q(), 5), queue(Loud(), 2))


class Text(str):
    pass


def clean(items):
    return [s.strip().upper() for s in items]


for _ in range(300):
    r = clean([" a ", "b "])
print(r, clean([Text(" c "), " d"]), type(clean([Text(" e ")])[0]).__name__)


def strip_all(items, strip):
    out = []
    for s in items:
        out.append(s.strip())
    return out


for _ in range(300):
    r = strip_all([" x "], None)
print(r)
try:
    strip_all([" x ", 5], None)
except AttributeError as e:
    print("AttributeError", e)
