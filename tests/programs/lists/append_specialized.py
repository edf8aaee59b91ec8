# `x.append(v)` specialised to an inline push for lists, and every other
# receiver at the same site after it warmed up: list subclasses (with
# and without their own append), other objects with an `append`, wrong
# argument counts and keywords.

def add(target, v):
    target.append(v)
    return target

for i in range(20):
    add([], i)

print(add([1], 2))

class L(list):
    pass

class Loud(list):
    def append(self, v):
        print("  Loud.append", v)
        super().append(v * 10)

class Bag:
    def __init__(self):
        self.items = []

    def append(self, v):
        self.items.append(("bag", v))

print(add(L([0]), 1), type(add(L(), 1)).__name__)
print(add(Loud(), 2))
b = add(Bag(), 3)
print(b.items)
print(add([], None), add([], [1, 2]))

lst = []
for i in range(10):
    lst.append(i)
lst.append(lst)
print(len(lst), lst[-1] is lst)

try:
    [].append()
except TypeError as e:
    print("TypeError", e)
try:
    [].append(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    [].append(x=1)
except TypeError as e:
    print("TypeError", e)

app = [].append
for i in range(3):
    app(i)
print(app.__self__)
