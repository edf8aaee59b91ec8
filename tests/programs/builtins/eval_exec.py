import builtins
print(builtins.len("abc"), builtins is __builtins__ if False else type(builtins).__name__)
x = 10
print(eval("x + 1"), eval(" 2 * 3"), eval("[i * i for i in range(4)]"))
def f(a, b=2):
    c = a + b
    return eval("a * b + c"), eval("x")
print(f(3))
g = {"y": 5}
exec("z = y * 2\ndef h(): return z + 1", g)
print(sorted(k for k in g if k != "__builtins__"), g["z"], g["h"](), "__builtins__" in g)
l = {}
exec("w = 7", {}, l)
print(l)
code = compile("a + b", "<calc>", "eval")
print(type(code).__name__, eval(code, {"a": 1, "b": 2}))
code = compile("for i in range(3): total = total + i", "<loop>", "exec")
ns = {"total": 0}
exec(code, ns)
print(ns["total"])
for bad in ["x = = 2", "def", "(1,\n 2 +)"]:
    try:
        eval(bad)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset, repr(e.text), e.filename)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError", e)
try:
    exec("1/0")
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(list(map(eval, ["1", "2+2"])))
try:
    eval("x", [])
except TypeError as e:
    print("TypeError", e)
print(eval("__name__"), eval("__name__", {}))
exec("print('printed from exec', x)")
class C:
    v = 3
    r = eval("v * 2")
print(C.r)
# exec in a function sees its locals but cannot rebind them
def g():
    v = 1
    exec("v = 2; w = v + 40")
    return v, eval("v")
print(g())
ns = {}
exec("class K:\n    a = 1\n    def m(self):\n        return self.a + 1\nk = K()", ns)
print(ns["k"].m(), ns["K"].__module__ if False else "ok")
try:
    exec("def bad(:\n  pass")
except SyntaxError as e:
    print(type(e).__name__, str(e))
try:
    exec("if True:\n  x = 1\n   y = 2")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno)


# Code objects: f.__code__ and compile()'s, with their co_* attributes.
def sig(a, b=1, *c, d, **e):
    x = 1
    return x


co = sig.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_varnames, co.co_nlocals)
print(co.co_qualname, co.co_posonlyargcount, co.co_flags & 0x20, co.co_consts[0], co.co_names)
print(co.co_cellvars, co.co_freevars, co.co_filename.endswith("eval_exec.py"))
cc = compile("a + 1", "calc.py", "eval")
print(cc.co_filename, cc.co_name, cc.co_names, type(cc).__name__)
