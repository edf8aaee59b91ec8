# Compile-time warnings, as CPython 3.11 issues them while compiling:
# the tokenizer's (invalid escape sequences: DeprecationWarning; a number
# run into a keyword: SyntaxWarning) and the compiler's SyntaxWarnings
# (`is` with a literal, an always-true assert, a literal called or
# subscripted by mistake). Under an "error" filter each becomes the
# SyntaxError at its place.
import warnings

SOURCES = [
    "x = 1if 1 else 2\nprint('\\d', b'\\q', '\\777')\ny = 0o1or 2",
    "x is 1",
    "x is not 'a'",
    "1 is x",
    "x is None or x is True or x is ...",
    "x is -1",
    "x is ()",
    "x is (1, 2)",
    "x is (1, y)",
    "x == 1 is x",
    "assert (x, 'msg')",
    "assert ()",
    "[(1, 2) (3, 4)]",
    "[1 (2)]",
    "['a' (2)]",
    "[f'{x}' (2)]",
    "[{1} (2)]",
    "[None [0]]",
    "[1 [0]]",
    "[{1, 2} [0]]",
    "[(x for x in y) [0]]",
    "[(1, 2) [1, 2]]",
    "['ab' ['a']]",
    "[[1, 2] [3.0]]",
    "[(1, 2) [0]]",
    "[(1, 2) [x]]",
    "[[1] [1:2]]",
    "f(1) (2)",
    "def f():\n    return x is 2\n",
    "class C:\n    def f(self):\n        assert (1, 2)\n",
]
for src in SOURCES:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile(src, "<w>", "exec")
    print(repr(src))
    for w in caught:
        print("   ", w.category.__name__, w.message, w.filename, w.lineno)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(src, "<w>", "exec")
        except SyntaxError as e:
            print("    error:", e.msg, e.lineno, e.offset, e.end_offset)

# eval() compiles with the same checks.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(eval("1 is 1"))
print([str(w.message) for w in caught])

# Filters by category: an ignored category is not shown, and an error
# only for the category named.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    compile("'\\d' is 1", "<w>", "exec")
print([w.category.__name__ for w in caught])
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.filterwarnings("error", category=SyntaxWarning)
    try:
        compile("'\\d' is 1", "<w>", "exec")
    except SyntaxError as e:
        print("error:", e.msg)
