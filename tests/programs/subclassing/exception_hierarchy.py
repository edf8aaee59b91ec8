class AppError(Exception):
    code = 1
    def __init__(self, message, *, detail=None):
        super().__init__(message)
        self.detail = detail
    def __str__(self):
        base = super().__str__()
        return f"[{self.code}] {base}" + (f" ({self.detail})" if self.detail else "")
class NotFound(AppError, LookupError):
    code = 404
class Invalid(AppError, ValueError):
    code = 400
for exc in (NotFound("no user", detail="id=3"), Invalid("bad input"), AppError("generic")):
    try:
        raise exc
    except LookupError as e:
        print("lookup:", e, e.args, type(e).__mro__[1].__name__)
    except ValueError as e:
        print("value:", e, repr(e))
    except AppError as e:
        print("app:", e, e.detail)
print(issubclass(NotFound, KeyError), issubclass(NotFound, LookupError), isinstance(Invalid("x"), Exception))
class Wrapped(RuntimeError):
    pass
try:
    try:
        {}["k"]
    except KeyError as e:
        raise Wrapped("failed") from e
except Wrapped as w:
    print(type(w.__cause__).__name__, w.__cause__, w)
