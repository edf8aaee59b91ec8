# An uncaught exception group prints as CPython boxes it: nested groups,
# the chain into a later exception, notes.
def f():
    raise ExceptionGroup("inner", [KeyError("k"), ValueError(2)])
def g():
    try:
        f()
    except Exception as e:
        raise ExceptionGroup("outer", [e, TypeError(3)]) from None
try:
    g()
except ExceptionGroup as e:
    e.add_note("note one")
    e.add_note("note two")
    raise RuntimeError("after") from e
