# A parameter name given twice is a SyntaxError at the second one, as
# CPython's symbol table reports it (found by the compile fuzz target:
# these programs compiled).
SOURCES = [
    "def f(a, a): pass",
    "lambda a, a: 0",
    "def f(a, *a): pass",
    "def f(a, **a): pass",
    "def f(*, a, a): pass",
    "def f(a, /, a): pass",
    "def f(a, *a, b, a): pass",
    "def f(a, b=2, b=3):\n    return a",
    "async def g(x, y, x): pass",
    "class C:\n    def m(self, v, self): pass",
    "x = [(lambda q, q: 0) for q in range(3)]",
    "def outer():\n    def inner(p, p=2):\n        return p\n    return inner",
    "def f(a, k, *, k, j):\n    return a",
    "def ok(a, b, *c, d, **e): pass",
    "def ok2(a, b):\n    def a(): pass\n    return a",
]
for src in SOURCES:
    try:
        compile(src, "<test>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
