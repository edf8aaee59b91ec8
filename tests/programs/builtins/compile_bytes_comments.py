# compile() of bytes reads UTF-8 as CPython's string tokenizer does, token
# by token: undecodable bytes inside a comment are never decoded (the
# source compiles); in a string, a name or a docstring they are a
# SyntaxError at their line. (Found by the compile fuzz target.)
import warnings

warnings.simplefilter("ignore")

SOURCES = [
    b"# a comment with \xff in it\nx = 1\n",
    b"x = 1  # trailing \xc3 comment\nprint(x)\n",
    b"\xef\xbb\xbf# BOM, then \xa9\ny = 2\n",
    b"# -*- coding: utf-8 -*-\n# \xfe\nz = 3\n",
    b"def f():\n    # \xf4 inside a body\n    return 4\n",
    b"s = '# not a comment \xff'\n",
    b"n\xa9me = 1\n",
    b'"""doc \xff"""\n',
    b"# ok \xff\nx = 'bad \xfe'\n",
    b"x = 1 # \xff\n\xff\n",
    b"# \xe2\x82\n# \xed\xa0\x80\nw = 5\n",
]
for src in SOURCES:
    try:
        code = compile(src, "<test>", "exec")
        ns = {}
        exec(code, ns)
        print("ok", sorted(k for k in ns if k != "__builtins__"))
    except SyntaxError as e:
        print("SyntaxError", e.lineno, e.msg)
