e = ValueError("bad", 42)
print(e.args, str(e), repr(e), type(e).__name__, isinstance(e, Exception))
k = KeyError("key")
print(str(k), repr(k), k.args)
print(str(Exception()), repr(Exception()), str(Exception("a", "b")), repr(IndexError(3)))
class Rich(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
        self.msg = msg
    def __str__(self):
        return f"{self.code}: {self.msg}"
r = Rich(7, "oops")
print(r, repr(r), r.args, r.code)
try:
    raise Rich(1, "raised")
except Exception as caught:
    print(caught, caught.msg, caught.__traceback__ is not None or True)
err = None
try:
    int("x")
except ValueError as err2:
    err = err2
print(type(err).__name__, err)
try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args)
