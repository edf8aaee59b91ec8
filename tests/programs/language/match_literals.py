# Complex literals as mapping keys and value patterns, the order of the
# collection flags along the MRO, and array.array as a sequence.
import array
import collections
import collections.abc


def key(m):
    match m:
        case {-0-0j: a, 1+2j: b, -1.5: c}:
            return ("complex keys", a, b, c)
        case {1-1j: x}:
            return ("one", x)
        case _:
            return "no match"


print(key({0j: "z", (1+2j): "c", -1.5: "f"}))
print(key({(1-1j): 5}))
print(key({1: 2}))


def value(v):
    match v:
        case -1-1j:
            return "minus one minus i"
        case 2.5+0j:
            return "two and a half"
        case 3j:
            return "3j"
        case _:
            return "other"


for v in (-1-1j, 2.5, 3j, complex(0, 3), 7):
    print(value(v))


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
        case _:
            return "other"


class M(collections.UserDict, collections.abc.Sequence):
    pass


class S(list, collections.abc.Mapping):
    pass


class T(dict, collections.abc.Sequence):
    pass


print(kind(M()), kind(S()), kind(T()), kind(array.array("b", b"ab")))
print(kind(memoryview(b"x")), kind("str"), kind(b"b"), kind(bytearray(b"c")))

match array.array("b", b"abc"):
    case (x, y, z):
        print(x, y, z)

for src in [
    "match x:\n case 0j+0j: pass\n",
    "match x:\n case {0j+0: 1}: pass\n",
    "match x:\n case {**_}: pass\n",
    "match x:\n case {0: 1, 0j: 2}: pass\n",
    "match x:\n case {1: 1, True: 2}: pass\n",
    "match x:\n case f'{x}': pass\n",
    "match x:\n case {f'': 1}: pass\n",
]:
    try:
        compile(src, "<pattern>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.offset)
