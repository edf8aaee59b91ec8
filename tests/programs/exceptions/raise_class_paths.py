# `raise E` makes the instance of E: directly for a plain exception
# class, through the class's __new__/__init__ or its metaclass's
# __call__ otherwise; rebinding them after a raise takes effect.
import traceback


class Plain(Exception):
    pass


def catch(cls):
    try:
        raise cls
    except Exception as e:
        return e


for _ in range(3):
    e = catch(Plain)
    print(type(e).__name__, e.args, repr(e), e.__traceback__.tb_lineno)


class Meta(type):
    def __call__(cls, *args):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__("from meta")


class WithMeta(Exception, metaclass=Meta):
    pass


print(catch(WithMeta).args)


# A class that was plain, then gains an __init__ and a __new__.
class Later(Exception):
    pass


print(catch(Later).args)


def init(self, *args):
    print("Later.__init__", args)
    Exception.__init__(self, "set by init")


Later.__init__ = init
print(catch(Later).args)


def new(cls, *args):
    print("Later.__new__", args)
    return Exception.__new__(cls, "from new")


Later.__new__ = new
print(catch(Later).args)
del Later.__init__
del Later.__new__
print(catch(Later).args)


# __new__ that returns something else, and an init that raises.
class Odd(Exception):
    def __new__(cls):
        return 42


try:
    raise Odd
except TypeError as e:
    print("TypeError:", e)


class Failing(Exception):
    def __init__(self):
        raise ValueError("init failed")


try:
    raise Failing
except ValueError as e:
    print("ValueError:", e)


# OSError family and groups raised as classes.
for cls in (OSError, FileNotFoundError, KeyError, StopIteration):
    e = catch(cls)
    print(type(e).__name__, e.args)
try:
    raise ExceptionGroup
except TypeError as e:
    print("TypeError:", e)

# Matching: a tuple, a subclass, a non-match re-raised.
for cls in (Plain, KeyError, ValueError):
    try:
        try:
            raise cls
        except (KeyError, Plain) as e:
            print("caught", type(e).__name__)
    except ValueError:
        print("outer caught ValueError")

# The traceback of a raise in a nested call.
def inner():
    raise Plain


def outer():
    inner()


try:
    outer()
except Plain as e:
    for line in traceback.format_tb(e.__traceback__):
        print(line.rstrip().replace(__file__, "FILE"))
