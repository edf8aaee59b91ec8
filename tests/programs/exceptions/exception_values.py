# Exception objects: args, str, repr, attributes, hierarchy, catching by
# base class, exception classes with __init__ and __str__.
class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code

    def __str__(self):
        return "[" + str(self.code) + "] " + self.args[1]


errors = [ValueError("v"), KeyError("k"), IndexError(), ZeroDivisionError("z", 2), AppError(7, "app")]
for err in errors:
    try:
        raise err
    except LookupError as e:
        print("lookup", type(e).__name__, repr(e), str(e), e.args)
    except ArithmeticError as e:
        print("arith", repr(e), e.args)
    except Exception as e:
        print("other", type(e).__name__, str(e), e.args)

try:
    raise AppError(404, "not found")
except AppError as e:
    print(e.code, e, isinstance(e, Exception))


def classify(x):
    try:
        if x == 0:
            raise ValueError("zero")
        if x < 0:
            raise TypeError("negative")
        return "ok " + str(10 // x)
    except ValueError as e:
        return "value: " + str(e)
    except TypeError as e:
        return "type: " + str(e)
    finally:
        print("classified", x)


for x in (5, 0, -1):
    print(classify(x))

count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise RuntimeError("again")
        break
    except RuntimeError:
        continue
print("count", count)


def nested():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise IndexError("b")
    except IndexError as e:
        return repr(e) + " ctx=" + repr(e.__context__)


print(nested())
e_outside = None
try:
    raise ValueError
except ValueError as exc:
    e_outside = exc
print(repr(e_outside))
print("exc" in ["exc"])
try:
    exc
except NameError as ne:
    print("name cleared:", ne)
