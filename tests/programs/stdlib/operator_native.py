# The native _operator module behind `operator`: its functions are
# built-ins of module _operator, the getters and methodcaller have
# CPython's reprs, pickle and copy, and length_hint/index/countOf/
# indexOf/concat/contains raise as CPython does.
import copy
import operator
import pickle

import _operator

print(operator.add is _operator.add, type(operator.add).__name__, operator.add.__module__)
print(operator.add(1, 2), operator.iadd([1], [2]), operator.matmul.__name__)
print(operator.lt(1, 2), operator.ge("a", "b"), operator.not_(0), operator.truth([1]))
print(operator.neg(3), operator.abs(-2.5), operator.inv(5), operator.pos(True))
print(operator.is_(None, None), operator.is_not(1, None))
print(repr(operator.itemgetter(1, "a")), repr(operator.attrgetter("a.b", "c")))
print(repr(operator.methodcaller("f", 1, x=[2])))
print(operator.itemgetter(1)([1, 2]), operator.itemgetter(0, -1)("abc"))
print(operator.attrgetter("real", "imag")(3 + 4j))


class Node:
    def __init__(self, child=None):
        self.child = child
        self.name = "node"


print(operator.attrgetter("child.name")(Node(Node())))
print(operator.methodcaller("split", ",", maxsplit=1)("a,b,c"))
for getter in (
    operator.itemgetter(0),
    operator.itemgetter(0, 1),
    operator.attrgetter("real"),
    operator.methodcaller("upper"),
    operator.methodcaller("split", sep=","),
):
    for clone in (pickle.loads(pickle.dumps(getter)), copy.copy(getter)):
        print(repr(clone), clone("x,y") if "meth" in repr(clone) else clone((5, 6)) if "item" in repr(clone) else clone(7))
print(operator.length_hint([1, 2]), operator.length_hint(iter(range(5))), operator.length_hint(object(), 3))


class Hint:
    def __init__(self, v):
        self.v = v

    def __length_hint__(self):
        if isinstance(self.v, type):
            raise self.v
        return self.v


print(operator.length_hint(Hint(2)), operator.length_hint(Hint(NotImplemented), 4), operator.length_hint(Hint(TypeError), 9))
for bad in (Hint("abc"), Hint(-1), Hint(LookupError)):
    try:
        operator.length_hint(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(operator.index(7), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))


class BadIterable:
    def __iter__(self):
        raise ZeroDivisionError


for call in (
    lambda: operator.index("x"),
    lambda: operator.indexOf([1], 2),
    lambda: operator.concat(1, 2),
    lambda: operator.contains(BadIterable(), 1),
    lambda: operator.contains(1, 1),
    lambda: operator.itemgetter(),
    lambda: operator.attrgetter(1),
    lambda: operator.methodcaller(),
    lambda: operator.itemgetter(1)([1, 2], 3),
    lambda: operator.add(1),
):
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(operator.concat([1], [2]), operator.iconcat("a", "b"), operator.call(max, 1, 3, key=None))
print(_operator._compare_digest(b"abc", b"abc"), _operator._compare_digest("ab", "ac"))
print(sorted([(2, "b"), (1, "a"), (1, "c")], key=operator.itemgetter(0, 1)))
for pair in (("é", "e"), (1, 2), ("a", b"a"), (b"a", "a"), (bytearray(b"x"), memoryview(b"x"))):
    try:
        print(_operator._compare_digest(*pair))
    except TypeError as e:
        print("TypeError", e)
