# The native _collections: deque (bounded, rotated, compared, pickled,
# subclassed, guarded against mutation while iterated), defaultdict and
# the counting loop Counter uses.
from collections import deque, defaultdict, Counter, OrderedDict
import copy, pickle
d = deque([1, 2, 3], maxlen=5)
d.append(4); d.appendleft(0); d.append(5)
print(d, len(d), d[0], d[-1], 3 in d, d.maxlen, list(reversed(d)))
d.rotate(2); print(d); d.rotate(-3); print(d)
print(d.index(3), d.count(3), d.pop(), d.popleft(), d)
d.extend("ab"); d.extendleft("xy"); print(d)
d.insert(1, "z") if len(d) < 5 else None
print(repr(deque()), deque(range(3)) == deque([0, 1, 2]), deque([1]) < deque([2]), deque("ab") + deque("c"), deque("ab") * 2)
e = deque([1, 2]); e *= 3; print(e)
print(pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(deque([[1]])))
try:
    deque().pop()
except IndexError as ex:
    print(ex)
f = deque([1]); f.append(f); print(f)
dd = defaultdict(list)
dd["a"].append(1); dd["b"]
print(dd, dict(dd), dd.default_factory, pickle.loads(pickle.dumps(dd)), copy.copy(dd), dd | {"c": 3})
print(Counter("abracadabra").most_common(2), defaultdict(int, a=1))
try:
    defaultdict(1)
except TypeError as ex:
    print(ex)
class D(deque):
    pass
x = D([1, 2], 3)
print(x, type(x.copy()).__name__, isinstance(x, deque))
it = iter(deque([1, 2]))
dq = deque([1, 2]); it2 = iter(dq); dq.append(3)
try:
    next(it2)
except RuntimeError as ex:
    print(ex)
