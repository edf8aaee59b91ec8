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
