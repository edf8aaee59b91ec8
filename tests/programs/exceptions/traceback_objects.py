# Traceback objects: e.__traceback__, sys.exc_info()[2], tb_next chains.
import sys

def inner():
    raise ValueError("deep")

def middle():
    inner()

def outer():
    try:
        middle()
    except ValueError as e:
        return e, sys.exc_info()[2]

err, tb = outer()
print(type(tb).__name__, tb is not None, type(err.__traceback__).__name__)
names = []
t = err.__traceback__
while t is not None:
    f = t.tb_frame
    names.append((f.f_code.co_name, t.tb_lineno, type(f).__name__))
    t = t.tb_next
print(names)
print(err.__traceback__.tb_frame.f_globals is globals(), isinstance(err.__traceback__.tb_lasti, int))
print(tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)

e2 = KeyError("k").with_traceback(tb)
print(e2.__traceback__.tb_lineno == tb.tb_lineno)
e2.__traceback__ = None
print(e2.__traceback__)
try:
    e2.__traceback__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise e2.with_traceback(tb.tb_next)
except KeyError as e:
    t = e.__traceback__
    depth = 0
    while t:
        depth += 1
        t = t.tb_next
    print("frames:", depth)
print(sys.exc_info())
print(repr(tb).startswith("<traceback object at 0x"))
