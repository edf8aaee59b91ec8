"""`from __future__ import ...`: where it may stand and which features exist
(CPython's Python/future.c and the compiler's late-import check)."""

CASES = [
    "from __future__ import braces",
    '"doc"\nfrom __future__ import  nope, division',
    "x = 1\nfrom __future__ import division",
    "import os; from __future__ import division",
    "from __future__ import division; import os; from __future__ import annotations",
    "def f():\n  from __future__ import division",
    "from __future__ import division\nfrom __future__ import annotations\nx = 1",
    "from . __future__ import x",
    "from __future__ import (division,\n generators)\nclass A:\n  from __future__ import division",
    "from __future__ import nested_scopes, generators, with_statement, print_function",
    "from __future__ import unicode_literals, absolute_import, generator_stop, barry_as_FLUFL",
    '"""doc"""\nfrom __future__ import annotations\ndef g(x: undefined) -> None: pass\nprint(g.__annotations__)',
]

for src in CASES:
    try:
        code = compile(src, "<case>", "exec")
    except SyntaxError as e:
        print("SyntaxError", repr(e.msg), e.lineno, e.offset)
    else:
        print("ok")
        exec(code, {})
