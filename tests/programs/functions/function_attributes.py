# Attributes on functions (__dict__), functools.wraps; a missing attribute at the end.
import functools
def logged(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        wrapper.calls += 1
        return f(*a, **k)
    wrapper.calls = 0
    return wrapper
@logged
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), add.calls, add.__name__, add.__qualname__, add.__wrapped__.__name__, add.__module__)
def counter():
    counter.n = getattr(counter, "n", 0) + 1
    return counter.n
counter(); counter()
print(counter.n, counter.__dict__, "n" in counter.__dict__)
del counter.n
print(hasattr(counter, "n"))
print(add.nope)
