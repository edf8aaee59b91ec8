# The global cache keeps the value it found, valid while the globals
# (and builtins) dicts keep their versions: every way of changing a
# global or a builtin must be seen by the next lookup, in a warm loop.
import builtins
import gc
import weakref


class Token:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Token(%s)" % self.name


shared = Token("a")


def read():
    return shared


def warm(f, n=50):
    r = None
    for _ in range(n):
        r = f()
    return r


print(warm(read))
# Rebinding frees the cached object: the next lookup must not see it.
ref = weakref.ref(shared)
shared = Token("b")
gc.collect()
print(ref() is None, warm(read))
# Through globals(), and by deleting it.
globals()["shared"] = Token("c")
print(warm(read))
del shared
try:
    read()
except NameError as e:
    print("NameError:", e)
shared = Token("d")
print(warm(read))


def uses_builtin(x):
    return abs(x)


print(warm(lambda: uses_builtin(-3)))
# A global shadowing a builtin, then removed.
abs = lambda x: "shadowed"
print(warm(lambda: uses_builtin(-3)))
del abs
print(warm(lambda: uses_builtin(-4)))
# The builtins module's own attribute replaced, and put back.
saved = builtins.abs
builtins.abs = lambda x: "patched"
print(warm(lambda: uses_builtin(-5)))
builtins.abs = saved
print(warm(lambda: uses_builtin(-6)))

# One code object run with several globals dicts (fresh and empty ones
# included): each run sees its own.
code = compile("result = [len('ab'), type(1).__name__, name]", "<cached>", "exec")
for name in ["x", "y"]:
    ns = {"name": name}
    for _ in range(3):
        exec(code, ns)
    print(ns["result"])
for i in range(3):
    ns = {}
    ns["len"] = (lambda k: lambda s: k)(i)
    ns["name"] = i
    exec(code, ns)
    print(ns["result"])

# type(x) with `type` rebound, and a `type` method call that looks like it.
def kind(x):
    return type(x)


print(warm(lambda: kind(1)), warm(lambda: kind("s")), warm(lambda: kind(None)))
type = lambda x: "not type"
print(warm(lambda: kind(1)))
del type
print(warm(lambda: kind(2.0)), warm(lambda: kind(True)), warm(lambda: kind([])))
print(warm(lambda: type.mro(bool)))
print(type(5) is int, type(5) is float, type(None) is type(None))
