# Exception attributes come from the exception classes' dicts: args,
# __cause__, __context__, __suppress_context__, add_note, and the
# attributes of OSError, StopIteration, SystemExit and ImportError, all
# readable and assignable as in CPython.


def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


BASE = ["args", "__cause__", "__context__", "__suppress_context__", "__traceback__",
        "with_traceback", "add_note"]
print([n for n in BASE if n in vars(BaseException)])
print([n for n in ["errno", "strerror", "filename", "filename2"] if n in vars(OSError)])
print("value" in vars(StopIteration), "code" in vars(SystemExit), "msg" in vars(ImportError))
print(type(vars(BaseException)["args"]).__name__, vars(BaseException)["__cause__"])

e = ValueError("x", 1)
print(e.args, e.__cause__, e.__context__, e.__suppress_context__)
e.args = ["a", "b"]
print(e.args, str(e), repr(e))
e.__cause__ = KeyError("k")
print(repr(e.__cause__), e.__suppress_context__)
e.__context__ = TypeError("t")
print(repr(e.__context__))
e.__cause__ = None
print(e.__cause__, e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__, e.with_traceback(None) is e)


def bad_cause():
    e.__cause__ = 5


def bad_context():
    e.__context__ = "x"


def bad_suppress():
    e.__suppress_context__ = 1


attempt("bad cause", bad_cause)
attempt("bad context", bad_context)
attempt("bad suppress", bad_suppress)

e.add_note("first")
e.add_note("second")
print(e.__notes__)
attempt("bad note", lambda: e.add_note(3))

o = OSError(2, "No such file", "f.txt")
print(o.errno, o.strerror, o.filename, o.filename2, type(o).__name__)
o.errno = 5
o.strerror = "changed"
o.filename = "g.txt"
print(o.errno, o.strerror, o.filename)
print(OSError("just text").errno, OSError("a", "b", "c", "d", "e", "f").errno)
s = StopIteration(3)
print(s.value, StopIteration().value)
s.value = 4
print(s.value, s.args)
print(SystemExit().code, SystemExit(4).code, SystemExit(1, 2).code)
print(ImportError("m").msg, ImportError("m").name, ImportError("m").path)


class Custom(ValueError):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b


c = Custom("m", 2)
print(c.args, c.b, c.__cause__, "args" in dir(c), str(c))

try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer") from None
except ValueError as v:
    print(repr(v.__context__), v.__cause__, v.__suppress_context__)

try:
    raise RuntimeError("r") from OSError(1, "x")
except RuntimeError as r:
    print(repr(r.__cause__), r.__cause__.errno, r.__suppress_context__)


def gen():
    return 7
    yield


try:
    next(gen())
except StopIteration as st:
    print("returned", st.value, st.args)
print(getattr(ValueError(), "errno", "no errno"))
attempt("descriptor on wrong type", lambda: vars(OSError)["errno"].__get__(ValueError()))
getter = vars(OSError)["errno"]
o2 = OSError(3, "t")
print(getter.__name__, getter.__get__(o2), getter.__get__(None, OSError) is getter)
getter.__set__(o2, 9)
print(o2.errno, type(vars(int)["real"]).__name__)
attempt("read-only", lambda: vars(int)["real"].__set__(1, 2))
print(vars(int)["real"].__get__(5))
