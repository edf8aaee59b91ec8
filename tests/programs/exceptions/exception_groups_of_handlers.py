def classify(x):
    try:
        if x == 0:
            return 1 / x
        if x == 1:
            return [][x]
        if x == 2:
            return {}["k"]
        if x == 3:
            return int("nope")
        if x == 4:
            return undefined_name
        if x == 5:
            return None + 1
        if x == 6:
            raise NotImplementedError("todo")
        if x == 7:
            assert x < 0, "negative expected"
        return "fine"
    except (ZeroDivisionError, OverflowError) as e:
        return f"arith: {e}"
    except LookupError as e:
        return f"lookup {type(e).__name__}: {e}"
    except (ValueError, TypeError) as e:
        return f"value/type: {e}"
    except NameError as e:
        return f"name: {e}"
    except AssertionError as e:
        return f"assert: {e}"
    except Exception as e:
        return f"other {type(e).__name__}: {e}"
for i in range(9):
    print(i, classify(i))
print(issubclass(NotImplementedError, RuntimeError), issubclass(KeyError, LookupError), issubclass(UnicodeDecodeError, ValueError))
print(ZeroDivisionError.__mro__)
