import functools
def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print(f"-> {fn.__name__}{args}")
        r = fn(*args, **kwargs)
        print(f"<- {fn.__name__} = {r}")
        return r
    return wrapper
def repeat(n):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            return [fn(*a, **k) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b=1):
    "adds"
    return a + b
add(2); add(2, b=5)
print(add.__name__, add.__doc__, add.__wrapped__(1, 1))
@repeat(3)
def hello(name):
    return f"hi {name}"
print(hello("x"), hello.__name__)
def memo(fn):
    cache = {}
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    inner.cache = cache
    return inner
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))
@functools.lru_cache(maxsize=None)
def ways(n):
    return 1 if n <= 1 else ways(n - 1) + ways(n - 2)
print(ways(60), ways.cache_info().hits > 0)
