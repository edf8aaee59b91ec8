# with statements: __enter__/__exit__, suppression, nesting, return/break/continue.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name + "!"
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

with CM("a") as v:
    print("body", v)

with CM("b", True):
    raise ValueError("swallowed")
print("after b")

def f():
    with CM("c") as x, CM("d") as y:
        return x + y
print(f())

for i in range(3):
    with CM("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("in loop", i)

try:
    with CM("e"):
        1 / 0
except ZeroDivisionError as e:
    print("propagated", e)

with CM("outer"):
    try:
        with CM("inner"):
            raise KeyError("k")
    except KeyError:
        print("caught inner")
with 5:
    pass
