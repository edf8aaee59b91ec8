# A bare raise keeps the original traceback line; finally runs first.
def inner():
    return 1 / 0


def outer():
    try:
        inner()
    except ZeroDivisionError:
        print("logging and re-raising")
        raise
    finally:
        print("finally")


outer()
