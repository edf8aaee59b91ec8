# compile(..., "single"): the interactive prompt's mode. Expression
# statements show their values through sys.displayhook (which keeps
# builtins._), and only one statement is accepted.
import sys
exec(compile("1 + 2", "<input>", "single"))
exec(compile("x = 5; x", "<input>", "single"))
exec(compile("None", "<input>", "single"))
exec(compile("'doc'", "<input>", "single"))
exec(compile("for i in range(2): i\n", "<input>", "single"))
exec(compile("if x:\n    x * 2\n    'a'\n", "<input>", "single"))
print("_ is", _)
def f():
    return 3
exec(compile("f()", "<s>", "single"))
exec(compile("def g():\n    7\n", "<s>", "single"))
exec(compile("g()", "<s>", "single"))
exec(compile("class K:\n    8\n", "<s>", "single"))
seen = []
sys.displayhook = seen.append
exec(compile("42", "<s>", "single"))
sys.displayhook = sys.__displayhook__
print(seen)
del sys.displayhook
try:
    exec(compile("42", "<s>", "single"))
except RuntimeError as e:
    print("RuntimeError", e)
sys.displayhook = sys.__displayhook__
import io
buf = io.StringIO()
old = sys.stdout
sys.stdout = buf
exec(compile("[1, 'a']", "<s>", "single"))
sys.stdout = old
print(repr(buf.getvalue()))
sys.displayhook(None)
sys.displayhook(99)
print(_)
for src in ["1 + 2\n3", "x = 1\ny = 2\n", "if x:\n    pass\nz = 1\n"]:
    try:
        compile(src, "<m>", "single")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset)
