# SyntaxErrors raised by compile() and by importing a broken module are
# objects with their location, printed as CPython prints them.
import os, sys
d = "/tmp/_taipan_syntax_%d" % os.getpid()
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, "broken_mod.py"), "w") as f:
    f.write("def f(:\n    pass\n")
sys.path.insert(0, d)
try:
    import broken_mod
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, os.path.basename(e.filename), repr(e.text))
os.remove(os.path.join(d, "broken_mod.py"))
os.rmdir(d)
try:
    compile("if x:\npass", "<s>", "exec")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno, e.args[1][0])
del (d, f), e
print("d" in dir(), "f" in dir())
compile("x = [1,\n  2,\n  (3", "example.py", "exec")
