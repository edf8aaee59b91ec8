# A method of a built-in type, looked up on the type (`list.append`):
# its name, qualified name, owner, binding and pickling.
import copyreg
import pickle

for d in (list.append, str.join, dict.get, bytes.hex):
    print(type(d).__name__, d.__name__, d.__qualname__, d.__objclass__.__name__)

d = list.append
lst = []
d(lst, 1)
bound = d.__get__(lst, list)
bound(2)
print(lst, d.__get__(None, list) is d, bound.__name__)
print(d.__reduce__()[1])
restored = pickle.loads(pickle.dumps(list.append))
print(restored is list.append, restored.__qualname__)
try:
    d("not a list", 3)
except TypeError as e:
    print("TypeError", e)
print(d.__text_signature__ is None or isinstance(d.__text_signature__, str))

# Slot wrappers (`int.__add__`, `object.__init__`): their own type.
for w in (int.__add__, object.__init__, list.__len__, str.__repr__):
    print(type(w).__name__, w.__name__, w.__qualname__, w.__objclass__.__name__, repr(w))
print(int.__add__(1, 2), object.__repr__(5)[:13], list.__len__([1, 2]))
for bad in (lambda: int.__add__("a", 1), lambda: int.__add__()):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)


class Point(tuple):
    def __repr__(self):
        return "P" + tuple.__repr__(self)


p = Point((1, 2))
print(repr(p), object.__reduce_ex__(p, 2)[0].__name__, pickle.loads(pickle.dumps(p)))
print(pickle.loads(pickle.dumps(int.__add__)) is int.__add__, pickle.loads(pickle.dumps(id)) is id)
import multiprocessing.reduction

print(pickle.loads(multiprocessing.reduction.ForkingPickler.dumps(id)) is id)
