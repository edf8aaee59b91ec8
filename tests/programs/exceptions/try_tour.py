# try/except/else/finally, raise, re-raise, from, context; the last error is uncaught.
def f(x):
    try:
        return 10 // x
    except ZeroDivisionError:
        return "div0"

print(f(2), f(0))

try:
    [][1]
except IndexError as e:
    print("caught", e, type(e).__name__, e.args)

try:
    {}["k"]
except (TypeError, KeyError) as e:
    print("tuple caught", repr(e))

def g():
    try:
        raise ValueError("inner")
    finally:
        print("finally runs")

try:
    g()
except ValueError as e:
    print("outer got", e)

for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print("loop", i)
    finally:
        print("fin", i)

def h():
    try:
        return "from try"
    finally:
        print("cleanup before return")
print(h())

def k():
    for i in range(3):
        try:
            try:
                if i == 2:
                    raise KeyError(i)
            except KeyError:
                print("k inner", i)
                return i
        finally:
            print("k finally", i)
print(k())

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ZeroDivisionError as e:
    print("reraised", e)

class MyErr(Exception):
    pass

try:
    raise MyErr("custom")
except Exception as e:
    print("generic", type(e).__name__, e)
else:
    print("no")

try:
    pass
except Exception:
    print("never")
else:
    print("else branch")
finally:
    print("finally branch")

try:
    x = undefined_name
except NameError as e:
    print(e)

def chain():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("converted") from e

try:
    chain()
except ValueError as e:
    print(e, repr(e.__cause__))

try:
    print("e" in ["x"])
except NameError:
    pass
print(sum([1, 2]))
try:
    raise TypeError
except TypeError as t:
    print("bare class", repr(t))
def deep(n):
    if n == 0:
        raise RuntimeError("deep")
    return deep(n - 1)
try:
    deep(50)
except RuntimeError as e:
    print("deep caught", e)
try:
    try:
        raise ValueError(1)
    except ValueError:
        raise KeyError(2)
except KeyError as e:
    print("ctx", repr(e.__context__))
assert 1 == 1
try:
    assert 1 == 2, "nope"
except AssertionError as e:
    print("assert", e)
def gen_error():
    try:
        raise ValueError("a")
    except ValueError:
        raise TypeError("b")
gen_error()
