# A running generator refuses close() and send() from inside itself;
# it keeps its frame while it runs, and ends (frame gone) on return,
# on an exception thrown before it started, and on a leaked
# StopIteration (PEP 479).
import gc
def g():
    me = yield
    try:
        me.close()
    except ValueError as e:
        print("close:", e)
    print("running:", me.gi_running, me.gi_frame is None)
    try:
        me.send(1)
    except ValueError as e:
        print("send:", e)
    gc.collect()
    yield 1
    return 5

x = g()
next(x)
print(x.send(x))
print(x.gi_frame is not None, x.gi_running)
try:
    next(x)
except StopIteration as e:
    print("stop", e.value)
print(x.gi_frame)

def h():
    yield 1
    raise StopIteration
y = h()
next(y)
try:
    next(y)
except RuntimeError as e:
    print("rt", e, type(e.__cause__).__name__)
print(y.gi_frame, list(y))
def thrower():
    yield 1
t = thrower()
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("thrown", e)
print(t.gi_frame, list(t))
