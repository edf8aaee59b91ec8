# A bare `raise` in a function called from an `except` block re-raises
# the exception being handled: the function's own frame is not added to
# its traceback, its caller's line is (as CPython 3.11 does), also when
# the function is compiled; and an exception raised while another is
# handled gets it as its context, in compiled code too.
import sys
import traceback


def reraise(n):
    if n > 0:
        raise
    return n


def handler_calls_reraise():
    last = None
    for i in range(300):
        try:
            1 / 0
        except ZeroDivisionError:
            try:
                reraise(1)
            except ZeroDivisionError as e:
                last = e
    traceback.print_exception(last, file=sys.stdout)


def context_of_raise_in_handler():
    try:
        {}[1]
    except KeyError as e:
        try:
            raise ValueError("v")
        except ValueError as v:
            return v.__context__ is e, type(v.__context__).__name__


def raises_while_handled():
    raise RuntimeError("inner")


def context_through_a_call():
    try:
        [][0]
    except IndexError:
        try:
            raises_while_handled()
        except RuntimeError as r:
            return type(r.__context__).__name__


handler_calls_reraise()
print([context_of_raise_in_handler() for _ in range(300)][-1])
print([context_through_a_call() for _ in range(300)][-1])
