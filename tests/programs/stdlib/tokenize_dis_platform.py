# tokenize over source text, dis's tables and what it says of functions
# that does not depend on the bytecode (Taipan's bytecode is its own, so
# dis.dis and get_instructions, which decode CPython's, are left out),
# and platform's portable facts.
import dis
import io
import platform
import tokenize

src = "def f(a, b=2):\n    return a + b  # sum\n\nx = f(1)\n"
for tok in tokenize.generate_tokens(io.StringIO(src).readline):
    print(tokenize.tok_name[tok.type], repr(tok.string), tok.start, tok.end)
print(tokenize.untokenize(tokenize.generate_tokens(io.StringIO(src).readline)) == src)
enc, lines = tokenize.detect_encoding(io.BytesIO(b"# -*- coding: latin-1 -*-\nx = 1\n").readline)
print(enc, lines)

print(dis.opmap["LOAD_CONST"], dis.opname[100], dis.cmp_op, "LOAD_FAST" in dis.opmap, dis.hasconst[:3])


def sample(a, b):
    c = a + b
    return c * 2


print(sorted({line for _, line in dis.findlinestarts(sample.__code__)} - {None}), sample.__code__.co_varnames, sample.__code__.co_argcount)
print(platform.system(), platform.python_version_tuple()[:2], platform.machine() != "", platform.uname().system, type(platform.release()).__name__)
