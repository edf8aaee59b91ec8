# Exception classes defined in Python: hierarchy, args, str, raising
# classes and instances, and what the traceback prints.
class AppError(Exception):
    pass


class NotFound(AppError, LookupError):
    def __init__(self, key):
        super().__init__("not found: " + key)
        self.key = key


class Custom(Exception):
    def __str__(self):
        return "custom message with " + str(len(self.args)) + " args"


e = NotFound("k1")
print(e.args, e.key, str(e), repr(e))
print(isinstance(e, AppError), isinstance(e, LookupError), isinstance(e, Exception))
print(issubclass(NotFound, BaseException), NotFound.__mro__)
print(str(Custom(1, 2)), Custom(1, 2).args, repr(AppError("x", 1)))
print(repr(AppError()), str(AppError()))


class Node:
    def __init__(self, v):
        self.v = v


def find(n):
    return n.missing


try_me = Node(1)
print(try_me.v)
raise NotFound("k2")
