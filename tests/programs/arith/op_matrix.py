# Every binary operator over edge-case operands, each inside a function so
# the JIT compiles it: small ints near the 64-bit limits, big ints, floats
# (signed zeros, infinities, NaN), bools. Operand pairs that would raise
# are skipped, so the whole matrix prints.
def add(a, b):
    return a + b
def sub(a, b):
    return a - b
def mul(a, b):
    return a * b
def truediv(a, b):
    return a / b
def floordiv(a, b):
    return a // b
def mod(a, b):
    return a % b
def power(a, b):
    return a ** b
def band(a, b):
    return a & b
def bor(a, b):
    return a | b
def bxor(a, b):
    return a ^ b
def lshift(a, b):
    return a << b
def rshift(a, b):
    return a >> b
def lt(a, b):
    return a < b
def le(a, b):
    return a <= b
def eq(a, b):
    return a == b
def ne(a, b):
    return a != b
def gt(a, b):
    return a > b
def ge(a, b):
    return a >= b
def neg(a):
    return -a
def truth(a):
    if a:
        return 1
    return 0

big = 2 ** 62
ints = [0, 1, -1, 2, -3, 7, -7, 13, big, -big, big * 2 - 1, -(big * 2), big * 4, -(2 ** 100), True, False]
floats = [0.0, -0.0, 0.5, -2.5, 3.0, 1e308, -1e-300, float("inf"), -float("inf"), float("nan")]
values = ints + floats

def is_int(v):
    return isinstance(v, int)

def is_zero(v):
    return v == 0

def run(name, f, a, b):
    print(name, repr(a), repr(b), repr(f(a, b)))

for a in values:
    print("neg", repr(a), repr(neg(a)), truth(a))
    for b in values:
        run("add", add, a, b)
        run("sub", sub, a, b)
        run("mul", mul, a, b)
        run("lt", lt, a, b)
        run("le", le, a, b)
        run("eq", eq, a, b)
        run("ne", ne, a, b)
        run("gt", gt, a, b)
        run("ge", ge, a, b)
        if not is_zero(b):
            run("truediv", truediv, a, b)
            if not (a != a or b != b or a == float("inf") or a == -float("inf")):
                run("floordiv", floordiv, a, b)
                run("mod", mod, a, b)
        if is_int(a) and is_int(b):
            run("and", band, a, b)
            run("or", bor, a, b)
            run("xor", bxor, a, b)
            if 0 <= b <= 70:
                run("lshift", lshift, a, b)
            if 0 <= b <= 200:
                run("rshift", rshift, a, b)
            if 0 <= b <= 5:
                run("pow", power, a, b)
        elif not is_int(b) and 0 <= b <= 3 and b == b and not is_int(a) and abs(a) < 1e100 and a >= 0:
            run("pow", power, a, b)
