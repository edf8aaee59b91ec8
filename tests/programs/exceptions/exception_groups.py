# BaseExceptionGroup / ExceptionGroup: construction checks, split, subgroup.
eg = BaseExceptionGroup("msg", [ValueError(1), TypeError(2)])
print(type(eg).__name__, eg, eg.args, eg.exceptions, eg.message)
print(isinstance(eg, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(eg.subgroup(lambda e: isinstance(e, TypeError)).exceptions)
b = BaseExceptionGroup("b", [KeyboardInterrupt()])
print(type(b).__name__, isinstance(b, Exception))
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e: print(e)
try:
    ExceptionGroup("x", [])
except ValueError as e: print(e)
try:
    raise ExceptionGroup("many", [ValueError("a"), OSError(2, "b")])
except ExceptionGroup as e:
    print("caught", e)
import traceback
try:
    raise ExceptionGroup("many", [ValueError("a")])
except Exception as e:
    print(traceback.format_exception_only(type(e), e))
