# Augmented assignment to list items (`lst[i] op= v`), which the hot loop
# runs as two fused steps once the subscripts are specialised: indexes in
# range, negative, out of range, a list that changes type at the site, a
# list subclass, a replaced value with a finalizer, and an operator that
# raises.


def bump(xs, idxs, n):
    for _ in range(n):
        for i in idxs:
            xs[i] += 1
            xs[i] *= 2
            xs[i] -= 1
    return xs


print(bump([0, 1, 2, 3], [0, 1, -1], 20))


class L(list):
    def __getitem__(self, i):
        return list.__getitem__(self, i) * 10


print(bump(L([1, 2, 3, 4]), [0, 2], 3))
print(bump({0: 1, 1: 2, -1: 5}, [0, 1, -1], 3))

xs = [1.5, 2.5]
for k in range(50):
    xs[k % 2] += 0.25
print(xs)
try:
    for k in range(100):
        xs[k] += 1
except IndexError as e:
    print("IndexError", e, xs)


class Noisy:
    def __init__(self, n):
        self.n = n

    def __iadd__(self, other):
        return Noisy(self.n + other)

    def __del__(self):
        print("del", self.n)


box = [Noisy(0)]
for k in range(3):
    box[0] += 1
print("after", box[0].n)
try:
    items = [1, "a"]
    for k in range(2):
        items[k] += 1
except TypeError as e:
    print("TypeError", e, items)
t = (1, 2)
try:
    for k in range(20):
        t[0] += 1
except TypeError as e:
    print("TypeError", e)
