"""compile(..., "single") of a block left open at the end: where CPython puts the error."""
try:
    compile("if True:\n", "s", "single")
except SyntaxError as e:
    print(repr(e.offset), e.lineno, repr(e.text))
try:
    compile("if True:", "s", "single")
except SyntaxError as e:
    print(repr(e.offset), e.lineno, repr(e.text))
