# Which error a source with several gets, as CPython 3.11 picks it: after
# a generic "invalid syntax", the tokenizer reads on, and an error it
# raises itself (an unterminated string, an invalid character, an
# unmatched bracket) replaces the parser's; the ones it only flags for
# the parser (a dedent to no outer level, inconsistent tabs, a stray
# line continuation) do not. (Found by the compile fuzz target.)
SOURCES = [
    "def f():\n    a b\n x\n",
    "def outer():\n    ne    return x\n  ( inner()\n",
    "def f():\n    a b\n\tx\n        y\n",
    "a b\nx = 1 \\ 2\n",
    "a b\ns = 'open\n",
    "a b\nx = 3 $ 4\n",
    "a b\nx = (1]\n",
    "a b\nx = (1,\n",
    "x = (1,\na b\n",
    "if x:\n    pass\n  else:\n    pass\n",
]
for src in SOURCES:
    try:
        compile(src, "<test>", "exec")
        print("ok")
    except SyntaxError as e:
        print(type(e).__name__, e.lineno, e.msg)
