# The native itertools: results, reprs, argument checks, pickling at any
# point of an iteration, copying, subclasses; and the pickling of the
# built-in iterators they are made from.
import copy
import itertools as it
import operator
import pickle

print(type(it.count).__name__, it.chain.__module__, repr(it.count(5)), repr(it.count(1.5, 0.25)), repr(it.count(2, True)))
print(repr(it.repeat("a")), repr(it.repeat("a", 3)), it.repeat(1, 4).__length_hint__(), list(it.repeat(0, -2)))
print(list(it.islice(it.count(10, 3), 4)), list(it.islice("abcdefg", 1, None, 2)), list(it.islice(range(10), 2, 8)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], operator.mul, initial=10)), list(it.accumulate([])))
print(list(it.chain("ab", [1, 2])), list(it.chain.from_iterable(["xy", "z"])), list(it.compress("abcdef", [1, 0, 1, 0, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.filterfalse(None, [0, 1, "", "a"])))
print(list(it.starmap(pow, [(2, 3), [3, 2]])), list(it.pairwise("abcd")), list(it.zip_longest("ab", [1, 2, 3], fillvalue="-")))
print([(k, list(g)) for k, g in it.groupby("aabccc")], [(k, len(list(g))) for k, g in it.groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
print(list(it.product("ab", repeat=2)), list(it.product()), list(it.product("ab", [])))
print(list(it.permutations(range(3), 2)), list(it.combinations("abcd", 3)), list(it.combinations_with_replacement("ab", 3)))
print(list(it.permutations([], 0)), list(it.combinations("ab", 5)), list(it.combinations_with_replacement([], 2)))
a, b, c = it.tee(iter(range(5)), 3)
print(next(a), next(a), list(b), list(a), list(c), it.tee([], 0), type(a).__name__)
x, y = it.tee("abc")
z = copy.copy(x)
print(next(x), list(z), list(y), list(x))

for bad in [lambda: it.count("a"), lambda: it.islice([], -1), lambda: it.islice([], 1, 2, 0), lambda: it.repeat(),
            lambda: it.permutations("a", -1), lambda: it.product("a", repeat=-1), lambda: it.tee([], -1),
            lambda: it.cycle([], x=1), lambda: it.chain(a=1), lambda: it.zip_longest(1), lambda: it.combinations("ab")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def roundtrip(make, steps, proto):
    """Pickle after `steps` items; the rest must match the original's."""
    original = make()
    for _ in range(steps):
        next(original, None)
    clone = pickle.loads(pickle.dumps(original, proto))
    return list(it.islice(clone, 12)) == list(it.islice(original, 12))


makers = [
    lambda: it.count(3, 2), lambda: it.cycle("abc"), lambda: it.repeat("r", 5),
    lambda: it.accumulate(range(8)), lambda: it.accumulate(range(5), initial=100),
    lambda: it.chain("ab", "cd", "ef"), lambda: it.compress(range(9), [1, 0, 1] * 3),
    lambda: it.dropwhile(bool, [1, 1, 0, 2, 3]), lambda: it.takewhile(bool, [1, 2, 0, 3]),
    lambda: it.filterfalse(bool, [0, 1, 0, 2, 0]), lambda: it.starmap(operator.add, [(1, 2), (3, 4), (5, 6)]),
    lambda: it.islice(range(20), 2, 15, 3), lambda: it.zip_longest("abc", range(5)),
    lambda: it.groupby("aabbbcdd"), lambda: it.product("ab", "xyz"), lambda: it.permutations("abcd", 2),
    lambda: it.combinations(range(5), 3), lambda: it.combinations_with_replacement("abc", 2),
    lambda: it.tee("abcdef")[0], lambda: iter([1, 2, 3, 4]), lambda: iter((5, 6, 7)), lambda: iter("text"),
    lambda: iter(range(3, 30, 4)), lambda: map(abs, [-1, -2, 3]), lambda: filter(None, [0, 1, 2, 0, 3]),
    lambda: zip("ab", "cd"), lambda: enumerate("xyz", 5),
]
for proto in (0, 2, 4):
    print(proto, [all(roundtrip(make, steps, proto) for steps in (0, 1, 3)) for make in makers].count(True), len(makers))
print([type(copy.deepcopy(make())).__name__ for make in makers[:6]])


class Numbered(it.count):
    def __repr__(self):
        return "Numbered!"


class Chain2(it.chain):
    pass


n = Numbered(7)
print(next(n), next(n), repr(n), type(n).__name__, list(it.islice(Chain2("ab", "c"), 5)), isinstance(Chain2(), it.chain))
print(pickle.loads(pickle.dumps(it.repeat("q", 2))).__reduce__(), it.count(4).__reduce__(), iter([1, 2]).__reduce__())
