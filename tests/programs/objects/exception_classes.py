# Built-in exception classes are ordinary (immutable) classes and their
# instances ordinary instances: one representation for built-in and user
# exceptions.
try:
    ValueError.x = 1
except TypeError as e:
    print("TypeError:", e)
try:
    del KeyError.__str__
except TypeError as e:
    print("TypeError:", e)
print(repr(ValueError), ValueError.__module__, ValueError.__qualname__, ValueError.__name__)
print(ValueError.__bases__, ValueError.__mro__)
print(type(ValueError), type(ValueError) is type, isinstance(ValueError, type))
print(issubclass(ValueError, Exception), issubclass(KeyError, LookupError), issubclass(ValueError, KeyError))

e = ValueError("bad", 2)
print(type(e) is ValueError, e.__class__ is ValueError, e.args, str(e), repr(e))
print(isinstance(e, Exception), isinstance(e, BaseException), isinstance(e, TypeError))


class E(KeyError):
    pass


print(str(E("x")), repr(E("x")), str(KeyError("a", "b")), str(KeyError("k")), repr(KeyError("k")))
print(E.__mro__)

err = OSError(2, "No such file or directory")
print(type(err).__name__, err.errno, err.strerror, str(err), isinstance(err, FileNotFoundError))
print(type(OSError("plain")).__name__, str(OSError("plain")))
print(str(FileNotFoundError(2, "gone")), str(OSError(1, "two", "three")))

try:
    {}["missing"]
except LookupError as e:
    print(type(e).__name__, e, repr(e), e.args)

try:
    [][1]
except Exception as e:
    print(type(e) is IndexError, e)

# Exceptions raised by the runtime are the same kind of object.
try:
    1 / 0
except ZeroDivisionError as e:
    print(type(e), e.__class__.__mro__[1], vars(e) if hasattr(e, "__dict__") else None)
    e.note = "attribute on a built-in exception instance"
    print(e.note)


class MyError(ValueError):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


try:
    raise MyError(7)
except ValueError as e:
    print(type(e).__name__, e.code, e, e.args)

print(Exception.__dict__["__module__"] if "__module__" in Exception.__dict__ else "no module key")
print(StopIteration(5).value, SystemExit(3).args)
e = OSError(1, "two", "three")
print(e.args, e.filename, e.errno, e.strerror)


class MyOSError(OSError):
    pass


print(type(MyOSError(2, "x")).__name__, MyOSError(2, "x", "f").args)
