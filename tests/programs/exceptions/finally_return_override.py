def f():
    try:
        return 1
    finally:
        print("cleanup f")
def g():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"
def h():
    for i in range(3):
        try:
            return i
        finally:
            if i < 2:
                continue
    return "done"
def k():
    x = []
    try:
        x.append(1)
        return x
    finally:
        x.append(2)
print(f(), g(), h(), k())
def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
nested()
