# d[k] and d[k] = v in compiled code (the helpers' dict paths): str and
# int keys found, missing (KeyError, with the key), replaced values
# released, bool and float keys equal to int keys, str subclass keys with
# their own hash and eq, dict subclasses with __missing__ and
# __setitem__, and keys whose __eq__ runs while the dict is looked up.
class Key(str):
    def __hash__(self):
        return hash(str(self))

    def __eq__(self, other):
        return str(self) == str(other)


class Defaulting(dict):
    def __missing__(self, key):
        return "missing " + str(key)


class Logged(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, ("logged", value))


class Noisy:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return self.n

    def __eq__(self, other):
        return isinstance(other, Noisy) and other.n == self.n

    def __repr__(self):
        return "Noisy(%d)" % self.n


def fill(d, keys):
    for i, k in enumerate(keys):
        d[k] = i
    return d


def read(d, keys):
    out = []
    for k in keys:
        try:
            out.append(d[k])
        except KeyError as e:
            out.append(("KeyError", e.args))
    return out


keys = ["a", "b", 1, 2, -3, 10 ** 20, "a", 1]
for _ in range(300):
    d = fill({}, keys)
    r1 = read(d, ["a", "b", "c", 1, 2, 3, 1.0, True, 10 ** 20, Key("a")])
    r2 = read(Defaulting(a=1), ["a", "b", 7])
    r3 = fill(Logged(), ["x", 2])
    n = fill({}, [Noisy(1), Noisy(1), Noisy(2), "s"])
    r4 = read(n, [Noisy(1), Noisy(3), "s"])
    big = fill({}, [str(i) for i in range(50)])
    r5 = read(big, ["7", "49", "50"])
print(d)
print(r1)
print(r2, dict(r3))
print(len(n), r4)
print(r5, len(big))
