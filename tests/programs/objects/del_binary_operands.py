# The operands a binary operation frees run their __del__ at once, as
# in CPython (read here without a call in between), in loops that are
# interpreted and compiled alike.
class D:
    alive = 0

    def __init__(self):
        D.alive += 1

    def __del__(self):
        D.alive -= 1

    def __add__(self, o):
        return 1

    def __mul__(self, o):
        return NotImplemented

    def __rmul__(self, o):
        return 2


def sums(n):
    seen = []
    for _ in range(n):
        s = D() + D()
        seen.append(D.alive)
    return s, seen


def products(n):
    seen = []
    for _ in range(n):
        p = 3 * D()
        seen.append(D.alive)
    return p, seen


for _ in range(4):
    print(sums(5), products(5), D.alive)
