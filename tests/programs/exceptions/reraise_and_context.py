def parse(s):
    try:
        return int(s)
    except ValueError:
        raise
def load(items):
    out = []
    for s in items:
        try:
            out.append(parse(s))
        except ValueError as e:
            out.append(f"bad({e.args[0][-6:]})")
    return out
print(load(["1", "x", "22"]))
try:
    try:
        raise KeyError("first")
    except KeyError:
        raise TypeError("second")
except TypeError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise TypeError("b") from None
except TypeError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)
def nested():
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            [][0]
        except IndexError as inner:
            return inner
e = nested()
print(type(e).__name__, type(e.__context__).__name__)
import sys
try:
    raise OSError(2, "No such file")
except OSError as err:
    print(err.errno, err.strerror, err, sys.exc_info()[0].__name__)
