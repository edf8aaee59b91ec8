# array: iterators see items appended later and stay exhausted once
# done; pickling by protocol (3 and up through _array_reconstructor);
# methods without parameters reject arguments; repetition by a non-int
# is a TypeError.
import array
import pickle

a = array.array("i", [1, 2, 3])
exhausted = iter(a)
live = iter(a)
for x in exhausted:
    next(live)
a.append(4)
print(list(exhausted), list(live), type(iter(a)).__name__)
it = iter(a)
next(it)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    clone_it, clone_a = pickle.loads(pickle.dumps((it, a), proto))
    print(proto, list(clone_it), clone_a, a.__reduce_ex__(proto)[0].__name__)
for name in ("tolist", "tobytes", "reverse", "byteswap", "buffer_info"):
    try:
        getattr(a, name)(42)
    except TypeError:
        print(name, "TypeError")
for bad in ("x", 1.5):
    try:
        a * bad
    except TypeError as e:
        print("TypeError", e)
print(a * 2, 2 * a)
a *= 2
print(a)
u = array.array("u", "hi")
print(pickle.loads(pickle.dumps(u, 2)), pickle.loads(pickle.dumps(u, 4)))
