# except* (PEP 654): clauses split an exception group by type; bare
# exceptions are wrapped; unhandled parts, re-raised parts (in the
# original structure) and newly raised exceptions go on as CPython sends
# them.
import sys

def show(e):
    if isinstance(e, BaseExceptionGroup):
        return "%s(%r, [%s])" % (type(e).__name__, e.message, ", ".join(show(x) for x in e.exceptions))
    return repr(e)

# A group split between two clauses.
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as e:
    print("V", show(e), show(sys.exc_info()[1]))
except* TypeError as e:
    print("T", show(e))
print("name cleared:", "e" not in dir())

# A bare exception is wrapped.
try:
    raise KeyError("k")
except* KeyError as e:
    print("K", show(e))

# Unhandled rest propagates.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), OSError(2)])
    except* ValueError:
        print("handled V")
except ExceptionGroup as outer:
    print("rest", show(outer))

# Bare raise re-raises the matched part, in the original structure.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), ExceptionGroup("inner", [ValueError(2), TypeError(3)])])
    except* ValueError:
        raise
except ExceptionGroup as outer:
    print("reraised", show(outer))

# A new exception from a handler joins the rest in a new group.
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("new")
except ExceptionGroup as outer:
    print("raised", show(outer), show(outer.exceptions[0].__context__))

# Naked exception, not matched: propagates as itself.
try:
    try:
        raise IndexError(5)
    except* KeyError:
        print("no")
except IndexError as e:
    print("naked rest", repr(e))

# Naked, re-raised: the wrapper goes on.
try:
    try:
        raise IndexError(5)
    except* IndexError:
        raise
except ExceptionGroup as e:
    print("naked reraise", show(e))

# else and finally.
try:
    pass
except* ValueError:
    print("no")
else:
    print("else ran")
finally:
    print("finally ran")

try:
    raise ExceptionGroup("x", [ValueError()])
except* (TypeError, ValueError) as e:
    print("tuple", show(e))
finally:
    print("finally 2")

# Invalid types.
for bad in (ExceptionGroup, int):
    try:
        try:
            raise ValueError()
        except* bad:
            pass
    except TypeError as e:
        print("TypeError", e)

def f():
    try:
        raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError:
        x = 1
    return "f done"
print(f())
print(sys.exc_info())
