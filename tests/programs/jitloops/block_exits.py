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
        p0 = n + 0
        p1 = n + 1
        p2 = n + 2
        p3 = n + 3
        p4 = n + 4
        p5 = n + 5
        p6 = n + 6
        p7 = n + 7
        p8 = n + 8
        p9 = n + 9
        p10 = n + 10
        p11 = n + 11
        p12 = n + 12
        p13 = n + 13
        p14 = n + 14
        p15 = n + 15
        p16 = n + 16
        p17 = n + 17
        p18 = n + 18
        p19 = n + 19
        p20 = n + 20
        p21 = n + 21
        p22 = n + 22
        p23 = n + 23
        p24 = n + 24
        p25 = n + 25
        p26 = n + 26
        p27 = n + 27
        p28 = n + 28
        p29 = n + 29
        p30 = n + 30
        p31 = n + 31
        p32 = n + 32
        p33 = n + 33
        p34 = n + 34
        p35 = n + 35
        p36 = n + 36
        p37 = n + 37
        p38 = n + 38
        p39 = n + 39
        p40 = n + 40
        p41 = n + 41
        p42 = n + 42
        p43 = n + 43
        p44 = n + 44
        p45 = n + 45
        p46 = n + 46
        p47 = n + 47
        p48 = n + 48
        p49 = n + 49
        p50 = n + 50
        p51 = n + 51
        p52 = n + 52
        p53 = n + 53
        p54 = n + 54
        p55 = n + 55
        p56 = n + 56
        p57 = n + 57
        p58 = n + 58
        p59 = n + 59
        total = p0 + p59
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
        p0 = n + 0
        p1 = n + 1
        p2 = n + 2
        p3 = n + 3
        p4 = n + 4
        p5 = n + 5
        p6 = n + 6
        p7 = n + 7
        p8 = n + 8
        p9 = n + 9
        p10 = n + 10
        p11 = n + 11
        p12 = n + 12
        p13 = n + 13
        p14 = n + 14
        p15 = n + 15
        p16 = n + 16
        p17 = n + 17
        p18 = n + 18
        p19 = n + 19
        p20 = n + 20
        p21 = n + 21
        p22 = n + 22
        p23 = n + 23
        p24 = n + 24
        p25 = n + 25
        p26 = n + 26
        p27 = n + 27
        p28 = n + 28
        p29 = n + 29
        p30 = n + 30
        p31 = n + 31
        p32 = n + 32
        p33 = n + 33
        p34 = n + 34
        p35 = n + 35
        p36 = n + 36
        p37 = n + 37
        p38 = n + 38
        p39 = n + 39
        p40 = n + 40
        p41 = n + 41
        p42 = n + 42
        p43 = n + 43
        p44 = n + 44
        p45 = n + 45
        p46 = n + 46
        p47 = n + 47
        p48 = n + 48
        p49 = n + 49
        p50 = n + 50
        p51 = n + 51
        p52 = n + 52
        p53 = n + 53
        p54 = n + 54
        p55 = n + 55
        p56 = n + 56
        p57 = n + 57
        p58 = n + 58
        p59 = n + 59
        yield p0 + p59
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
        p0 = n + 0
        p1 = n + 1
        p2 = n + 2
        p3 = n + 3
        p4 = n + 4
        p5 = n + 5
        p6 = n + 6
        p7 = n + 7
        p8 = n + 8
        p9 = n + 9
        p10 = n + 10
        p11 = n + 11
        p12 = n + 12
        p13 = n + 13
        p14 = n + 14
        p15 = n + 15
        p16 = n + 16
        p17 = n + 17
        p18 = n + 18
        p19 = n + 19
        p20 = n + 20
        p21 = n + 21
        p22 = n + 22
        p23 = n + 23
        p24 = n + 24
        p25 = n + 25
        p26 = n + 26
        p27 = n + 27
        p28 = n + 28
        p29 = n + 29
        p30 = n + 30
        p31 = n + 31
        p32 = n + 32
        p33 = n + 33
        p34 = n + 34
        p35 = n + 35
        p36 = n + 36
        p37 = n + 37
        p38 = n + 38
        p39 = n + 39
        p40 = n + 40
        p41 = n + 41
        p42 = n + 42
        p43 = n + 43
        p44 = n + 44
        p45 = n + 45
        p46 = n + 46
        p47 = n + 47
        p48 = n + 48
        p49 = n + 49
        p50 = n + 50
        p51 = n + 51
        p52 = n + 52
        p53 = n + 53
        p54 = n + 54
        p55 = n + 55
        p56 = n + 56
        p57 = n + 57
        p58 = n + 58
        p59 = n + 59
        return p0 + p59
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
