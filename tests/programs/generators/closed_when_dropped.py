# A generator abandoned while suspended inside try/finally or with is
# closed when it is freed (GeneratorExit thrown in), as CPython does:
# when its last reference goes, when the cycle collector finds it, and at
# exit. One suspended outside any handler just ends.
import gc


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, *exc):
        print("exit", self.name, exc[0].__name__ if exc[0] else None)
        return False


def with_finally(tag):
    try:
        yield 1
        yield 2
    finally:
        print("finally", tag)


def with_resource(tag):
    with Resource(tag):
        yield 1
        yield 2


def catching(tag):
    try:
        yield 1
    except GeneratorExit:
        print("caught GeneratorExit", tag)
        raise


def plain():
    yield 1
    print("never")
    yield 2


g = with_finally("a")
print(next(g))
del g
print("after a")
r = with_resource("b")
next(r)
r = None
print("after b")
c = catching("c")
next(c)
c = 5
print("after c")
p = plain()
next(p)
del p
print("after plain")
# Not started, finished: nothing to do.
n = with_finally("never started")
del n
f = with_finally("finished")
print(list(f))
del f
# In a cycle: the collector closes it.
holder = []
cyc = with_finally("cycle")
next(cyc)
holder.append(cyc)
cyc_self = [holder, cyc]
holder.append(cyc_self)
del cyc, cyc_self, holder
print("collected", gc.collect() > 0)
# Still suspended at the end of the program: closed at exit.
last = with_resource("at exit")
next(last)
print("end of program")
