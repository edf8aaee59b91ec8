# Global and built-in names loaded by compiled code straight from the
# interpreter's global-name cache, guarded by the dicts' versions: the
# functions get hot first (the default `--jit` compiles them with the
# cache's address), then every way the guard can fail is tried.
import builtins

LIMIT = 10
scale = 2


def helper(x):
    return x * scale


def work(n):
    t = 0
    for i in range(n):
        t += helper(i) + len("ab") + LIMIT
    return t


for _ in range(300):
    work(3)
print(work(5))

# A global rebound: the next load sees the new value.
scale = 3
print(work(5))
LIMIT = -1
print(work(5))


# A global that shadows a built-in, then goes away again.
def len(x):
    return 100


print(work(2))
del len
print(work(2))

# A built-in replaced and restored.
real_len = builtins.len
builtins.len = lambda x: 7
print(work(2))
builtins.len = real_len
print(work(2))

# A global deleted: NameError from compiled code, with its traceback line.
del helper
try:
    work(1)
except NameError as exc:
    print("NameError", exc)


def helper(x):
    return -x


print(work(3))

# The same code with other globals (one code object, two namespaces).
src = "def f():\n    return VALUE + len('abc')\n"
ns1 = {"VALUE": 1}
ns2 = {"VALUE": 2}
exec(src, ns1)
exec(src, ns2)
f1, f2 = ns1["f"], ns2["f"]
for _ in range(300):
    f1()
print(f1(), f2(), f1())
ns2["VALUE"] = 40
print(f2())
del ns1["VALUE"]
try:
    f1()
except NameError as exc:
    print("NameError", exc)
