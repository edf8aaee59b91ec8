attempts = []
class Flaky:
    def __init__(self, fails):
        self.fails = fails
    def call(self):
        attempts.append(self.fails)
        if self.fails > 0:
            self.fails -= 1
            raise ConnectionError(f"fail {self.fails}")
        return "ok"
def retry(fn, times):
    last = None
    for i in range(times):
        try:
            return fn()
        except ConnectionError as e:
            last = e
        finally:
            attempts.append("cleanup")
    raise RuntimeError("gave up") from last
print(retry(Flaky(2).call, 5), attempts)
attempts.clear()
try:
    retry(Flaky(10).call, 2)
except RuntimeError as e:
    print(e, "<-", repr(e.__cause__), attempts)
def f():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("finally", i)
    return i
print(g())
