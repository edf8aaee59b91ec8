# Closures, nonlocal, lambdas, decorators, *args/**kwargs, keyword-only and positional-only parameters, star-unpacking in calls and displays.
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c = make_counter()
print(c(), c(), c(5))

def outer(x):
    def middle():
        def inner():
            return x * 2
        return inner()
    return middle()
print(outer(21))

def make_adders():
    out = []
    for i in range(3):
        def add(v, i=i):
            return v + i
        out.append(add)
    return out
fs = make_adders()
print(fs[0](10), fs[1](10), fs[2](10))

square = lambda v: v * v
print(square(7), (lambda: "noargs")(), sorted([3, 1, 2], key=lambda v: -v))

def deco(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapper

@deco
def add(a, b=2, *, scale=1):
    return (a + b) * scale
print(add(1), add(1, 3), add(1, scale=10), add(a=4, b=5))

def varargs(first, *rest, sep="-", **extra):
    return sep.join([str(first)]) + str(rest) + str(extra)
print(varargs(1, 2, 3, sep="+", x=1))

def posonly(a, b, /, c, *, d):
    return a + b + c + d
print(posonly(1, 2, 3, d=4), posonly(1, 2, c=3, d=4))
args = [1, 2]
kw = {"d": 10}
print(posonly(*args, 3, **kw), posonly(*[1, 2, 3], d=0))
print([*args, *"ab", 9], (*args,), {**kw, "e": 1, **{"f": 2}})

class Counter:
    def __init__(self):
        self.n = 0
    def make(self):
        def bump():
            self.n += 1
            return self.n
        return bump
b = Counter().make()
print(b(), b())

def cell_loop():
    funcs = []
    x = 0
    def get():
        return x
    funcs.append(get)
    x = 5
    return funcs[0]()
print(cell_loop())

def class_in_func(v):
    class K:
        value = v
        def get(self):
            return v * 2
    return K().get(), K.value
print(class_in_func(4))

def shadow():
    y = 1
    def g():
        y = 2
        return y
    return g(), y
print(shadow())

def recursive_closure(n):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)
print(recursive_closure(10))

def unbound_free():
    def g():
        return late
    r = None
    try:
        r = g()
    except NameError as e:
        r = str(e)
    late = 1
    return r
print(unbound_free())
g = 100
def use_global():
    global g
    g += 1
    def inner():
        return g
    return inner()
print(use_global())
