# Truth tests of every kind of value in `if`, `while`, `and`, `or` and
# `not` (the interpreter's hot loop answers immediates itself and asks the
# type for anything else).
class B:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class L:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Bad:
    def __bool__(self):
        return "yes"


class Boom:
    def __bool__(self):
        raise RuntimeError("no truth")


class Plain:
    pass


values = [0, 1, -2, 0.0, 2.5, None, True, False, "", "x", [], [0], (), (1,),
          {}, {1: 2}, set(), {3}, b"", b"z", B(True), B(False), L(0), L(3),
          Plain(), range(0), range(2), 0j, 1j, 2**80, -(2**80) + 2**80]


def check(v):
    out = []
    if v:
        out.append("if")
    out.append("and" if (v and True) else "nand")
    out.append("or" if (v or False) else "nor")
    out.append("not" if not v else "is")
    n = 0
    while v and n < 1:
        n += 1
    out.append(n)
    return out


for v in values:
    print(type(v).__name__, check(v))

for bad in (Bad(), Boom(), L(-1)):
    for form in ("if", "and", "not"):
        try:
            if form == "if":
                if bad:
                    pass
            elif form == "and":
                bad and 1
            else:
                not bad
        except Exception as e:
            print(form, type(e).__name__, e)


def walk(xs):
    c = 0
    for x in xs:
        if x and not (x is None or x == 3):
            c += 1
    return c


print(walk([1, None, 3, B(True), B(False), "", "s"] * 10))
