# Large functions (over 200 instructions) compiled while the interpreter
# had run only some of their blocks: the others are compiled as exits to
# the interpreter, which goes on from there with the frame's values
# (stack values live across the exit included), and after a few exits
# the function is compiled again with them. Checked: later loops, a rare
# branch in a hot loop, exits inside try/except/finally and with blocks,
# a generator, a compiled caller's direct call to a function that exits,
# and tracebacks through code that exited.
import traceback


class Guard:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, *exc):
        self.log.append("exit " + str(exc[0].__name__ if exc[0] else None))
        return False


def phases(n, mode):
    total = 0
    if n < 0:
        pad = (n + 0, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9, n + 10, n + 11, n + 12, n + 13, n + 14, n + 15, n + 16, n + 17, n + 18, n + 19, n + 20, n + 21, n + 22, n + 23, n + 24, n + 25, n + 26, n + 27, n + 28, n + 29, n + 30, n + 31, n + 32, n + 33, n + 34, n + 35, n + 36, n + 37, n + 38, n + 39, n + 40, n + 41, n + 42, n + 43, n + 44, n + 45, n + 46, n + 47, n + 48, n + 49, n + 50, n + 51, n + 52, n + 53, n + 54, n + 55, n + 56, n + 57, n + 58, n + 59, n + 60, n + 61, n + 62, n + 63, n + 64, n + 65, n + 66, n + 67, n + 68, n + 69)
        p0, p59 = n, pad
        total = p0 + len(p59)
    for i in range(n):
        total += i
        if i == n - 3 and mode == "rare":
            total += sum([k * 2 for k in range(4)])
    log = []
    for j in range(n // 2):
        try:
            if j % 97 == 96:
                raise KeyError(j)
            total += j
        except KeyError as e:
            log.append(e.args[0])
        finally:
            total += 1
    with Guard(log):
        for k in "abc" * 3:
            total += ord(k)
    try:
        with Guard(log):
            if mode == "fail":
                {}["missing"]
    except KeyError as e:
        log.append("caught " + repr(e))
    return total, log


for mode in ["plain", "rare", "plain", "fail", "rare"]:
    print(mode, phases(3000, mode))


def producer(n, late):
    if n < 0:
        pad = [n - 0, n - 1, n - 2, n - 3, n - 4, n - 5, n - 6, n - 7, n - 8, n - 9, n - 10, n - 11, n - 12, n - 13, n - 14, n - 15, n - 16, n - 17, n - 18, n - 19, n - 20, n - 21, n - 22, n - 23, n - 24, n - 25, n - 26, n - 27, n - 28, n - 29, n - 30, n - 31, n - 32, n - 33, n - 34, n - 35, n - 36, n - 37, n - 38, n - 39, n - 40, n - 41, n - 42, n - 43, n - 44, n - 45, n - 46, n - 47, n - 48, n - 49, n - 50, n - 51, n - 52, n - 53, n - 54, n - 55, n - 56, n - 57, n - 58, n - 59, n - 60, n - 61, n - 62, n - 63, n - 64, n - 65, n - 66, n - 67, n - 68, n - 69]
        p0, p59 = n, pad
        yield p0 + len(p59)
    for i in range(n):
        yield i
    if late:
        for s in ["x", "y"]:
            yield s
        yield from range(3)


print(sum(producer(5000, False)), list(producer(3, True)))
print(list(producer(2, False)), [v for v in producer(4, True) if isinstance(v, str)])


def callee(n, deep):
    if n < 0:
        pad = {{n * 0, n * 1, n * 2, n * 3, n * 4, n * 5, n * 6, n * 7, n * 8, n * 9, n * 10, n * 11, n * 12, n * 13, n * 14, n * 15, n * 16, n * 17, n * 18, n * 19, n * 20, n * 21, n * 22, n * 23, n * 24, n * 25, n * 26, n * 27, n * 28, n * 29, n * 30, n * 31, n * 32, n * 33, n * 34, n * 35, n * 36, n * 37, n * 38, n * 39, n * 40, n * 41, n * 42, n * 43, n * 44, n * 45, n * 46, n * 47, n * 48, n * 49, n * 50, n * 51, n * 52, n * 53, n * 54, n * 55, n * 56, n * 57, n * 58, n * 59, n * 60, n * 61, n * 62, n * 63, n * 64, n * 65, n * 66, n * 67, n * 68, n * 69}}
        p0, p59 = n, pad
        return p0 + len(p59)
    t = 0
    for i in range(n):
        t += i
    if deep:
        t = t * 2
        for c in "ab":
            t += ord(c)
        if deep == "raise":
            raise ValueError("deep " + str(t))
    return t


def caller(k, deep):
    r = 0
    for i in range(k):
        r += callee(40, deep if i == k - 1 else None)
    return r


for _ in range(40):
    caller(20, None)
print(caller(20, None), caller(20, True), caller(5, True))
try:
    caller(3, "raise")
except ValueError:
    traceback.print_exc(limit=-2, file=__import__("sys").stdout)
