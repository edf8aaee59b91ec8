# Compile-time SyntaxErrors for 'return' outside a function (a class body
# is not one), 'yield' inside a comprehension, and malformed numeric
# literals, a repeated keyword argument, Python 2's print statement (only
# when an expression follows): the message and the column CPython reports.
SOURCES = [
    "class foo:return 1",
    "class C:\n    def f(self): return 1\n    return 2",
    "def g(): [(yield x) for x in ()]",
    "def g(): [x for x in () if (yield x)]",
    "def g(): {(yield x) for x in ()}",
    "def g(): {x: (yield x) for x in ()}",
    "def g(): ((yield x) for x in ())",
    "def g(): [(yield from x) for x in ()]",
    "def g(): [[(yield) for y in ()] for x in ()]",
    "def g(): [x for x in (yield)]",
    "0b1_2",
    "0o8",
    "0b2",
    "1_",
    "0x",
    "1__0",
    "0b1_",
    "0o1_9",
    "f(1, x=2, *(3,4), x=5)",
    "f(x=1, **k, x=2)",
    "class C(x=1, x=2): pass",
    "print foo",
    "if 1:\n    exec {1:foo}",
    "print {1:(foo.)}",
    "if 1: exec (foo.)",
    "0xf\u20447",
    "1\u00e9",
    "0b1_z",
]
for src in SOURCES:
    try:
        compile(src, "<s>", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno, e.offset)
