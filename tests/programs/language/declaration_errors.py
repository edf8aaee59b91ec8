# global/nonlocal declarations and annotated names: the SyntaxErrors
# CPython's symbol table gives (a declaration after a use, assignment or
# annotation of its name, of a parameter, a name both global and
# nonlocal, no binding for a nonlocal), and what it accepts.
SOURCES = [
    "def f():\n    x = 1\n    global x\n",
    "def f(x):\n    global x\n",
    "def f():\n    print(x)\n    global x\n",
    "def f(x):\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        x = 2\n        nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n",
    "def g():\n    nonlocal x\n    global x\n",
    "nonlocal x\n",
    "class C:\n    nonlocal x\n",
    "def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2\n",
    "def f():\n    if 1:\n        nonlocal zz\n",
    "def g():\n    for x in y:\n        global x\n",
    "def g():\n    def h(a=x): pass\n    global x\n",
    "def g():\n    [(x := 1) for y in z]\n    global x\n",
    "def g():\n    import x\n    global x\n",
    "def g():\n    [x for y in z]\n    lambda: x\n    global x\n",
    "x = 1\nglobal x\n",
    "def g():\n    try:\n        pass\n    except E as x:\n        pass\n    global x\n",
    "def g():\n    match y:\n        case [x]:\n            global x\n",
    "def f():\n    nonlocal x: int\n",
    "[x, 0]: int\n",
    "f(): int\n",
    "(x,): int",
    "x, y: int",
    "((x, y)): int",
    "def f():\n    (x, y): int = (1, 2)\n",
    "def f():\n    x: int\n    global x\n",
    "def f():\n    global x\n    x: int\n",
    "def f():\n    x: int\n    nonlocal x\n",
    "def g():\n    x = 1\n    def f():\n        nonlocal x\n        x: int\n",
    "global x\nx: int\n",
    "def f():\n    global x\n    (x): int\n",
]
for src in SOURCES:
    try:
        compile(src, "<s>", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno, e.offset)


# A parenthesized annotated name without a value binds nothing: the name
# stays global in the function.
def f2bad():
    (no_such_global): int
    print(no_such_global)


try:
    f2bad()
except Exception as e:
    print(type(e).__name__, e)


def f3():
    (z): int = 3
    return z


print(f3(), f3.__code__.co_varnames)
