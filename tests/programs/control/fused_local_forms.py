# Superinstructions around a local: `if local:` on every kind of value,
# `a = b` between locals, `return local`, a store followed by a load,
# and method calls on a local at monomorphic and polymorphic sites.

class Truthy:
    def __init__(self, t):
        self.t = t

    def __bool__(self):
        print("  __bool__", self.t)
        return self.t

class Sized:
    def __len__(self):
        return 0

def branch(x):
    if x:
        return "yes"
    return "no"

def branch_not(x):
    if not x:
        return "no"
    return "yes"

values = [0, 1, -1, True, False, None, 0.0, 2.5, "", "a", [], [0], (), {}, Truthy(True), Truthy(False), Sized()]
for _ in range(3):
    print([branch(v) for v in values])
    print([branch_not(v) for v in values])

class Broken:
    def __bool__(self):
        raise ValueError("no truth")

try:
    branch(Broken())
except ValueError as e:
    print("ValueError", e)

def copy_locals(a):
    b = a
    c = b
    b = 5
    return a, b, c

for i in range(5):
    print(copy_locals(i), copy_locals([i]))

def store_then_load(n):
    total = 0
    for i in range(n):
        x = i * 2
        total = total + x
    return total

print(store_then_load(10), store_then_load(0))

class A:
    def name(self):
        return "A"

class B:
    def name(self):
        return "B"

class C(A):
    pass

def call_name(o):
    return o.name()

objs = [A(), B(), C(), A(), B()]
for _ in range(4):
    print([call_name(o) for o in objs])

a = A()
a.name = lambda: "instance attribute"
print(call_name(a))
del a.name
print(call_name(a))
A.name = lambda self: "rebound"
print([call_name(o) for o in objs])

def unbound_return(flag):
    if flag:
        r = 1
    return r

for _ in range(5):
    unbound_return(True)
try:
    unbound_return(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
