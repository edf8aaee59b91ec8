"""Programs the compile fuzz target found Taipan and CPython disagreeing
on whether they compile (session 28)."""

CASES = [
    # A bare generator expression is a call's argument, not a class base.
    "class A(x for x in y): pass",
    "class A((x for x in y)): pass",
    "class A(f(x for x in y)): pass",
    "f(x for x in y)",
    # A logical line that is only a line continuation is a blank line.
    "x = 1\n\\\n\nprint(x)\n",
    "\\\n\nx = 1\n",
    "if 1:\n    x = 1\n\\\n\n    y = 2\n",
    "x = 1;\\\n\nprint(x)\n",
    "x = 1\n  \\\n\ny = 2\n",
    # Undecodable bytes in a comment, with CRLF line ends elsewhere.
    b"# it's a \x9c comment\r\nx = 1\r\n",
    b"x = 1\r\n# \xff\r\ny = 2\n",
    b"x = '\xff'\r\n",
    # Backslashes inside the indentation: the first one's column counts.
    "if 1:\n    x = 1\n\\\n    y = 2\n",
    "if 1:\n    x = 1\n  \\\n  y = 2\n",
    "if 1:\n    x = 1\n    \\\ny = 2\n",
    "x = 1\n  \\\n  # c\ny = 2\n",
    "if 1:\n  \\\n\n  x=1\n",
    "  \\\n\nx = 1\n",
    "if 1:\n    x = 1\n\\\n\\\n\n    y = 2\n",
    "if 1:\n    x = 1\n  \\\n    \\\n\n  y = 2\n",
]

# Where an undecodable byte is reported: after the string holding it
# (CPython decodes it when the parser takes it), at the end of a name.
UNDECODABLE = [
    b"x = '\xff'\n",
    b"x = 'ab\xffcd' + 1\n",
    b"x = 1\nyy = '''a\n\xff'''\n",
    b"x = b'\xff'\n",
    b"x = f'\xff'\n",
    b"x = \xffab + 1\n",
    b"x = ab\xff + 1\n",
    b"x = '\xff' # c\n",
    b"x = ('\xff'\n, 2)\n",
    b"x = '\xff' '\xfe'\n",
]

for src in CASES:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print("SyntaxError", repr(e.msg), e.lineno, e.offset)
    else:
        print("ok")

for src in UNDECODABLE:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
    else:
        print("ok")
