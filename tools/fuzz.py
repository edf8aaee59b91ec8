#!/usr/bin/env python3
"""Time-bounded fuzzing of Taipan against CPython 3.11 (issue 16).

    python3 tools/fuzz.py TARGET [--seconds N | --rounds R] [--seed S] [--batch B]

Targets:
  compile  arbitrary bytes (mutated programs of tests/programs) through
           Taipan's tokenizer, parser and compiler (`compile()`): Taipan
           must not crash or hang, and must accept exactly what CPython
           accepts (a finding). Programs both reject with another
           exception or on another line are counted and reported apart.
  format   random values and format specs through `format()`, `%` and
           `str.format`: the same text or the same exception as CPython.
  numbers  random strings through `int()` (several bases), `float()` and
           `complex()`: the same value or the same exception as CPython.
  jit      small generated functions (ints at the machine word's edges,
           floats incl. nan/inf/-0.0, strs, lists, instances whose
           attributes change shape and class, exceptions raised and
           caught) run by the interpreter, by the JIT compiling every
           function on its first call (`--jit --jit-threshold 0`) and on
           its third (`--jit-threshold 2`: with the type feedback of two
           interpreted calls, so the guarded inline paths run and fail):
           the interpreter must print what CPython prints, and the JIT
           what the interpreter prints (issue 14).

Each round runs one batch of generated cases in one Taipan process and one
CPython process, both executing the same driver program (generation is
seeded, and Taipan's `random` is CPython's, so both see the same cases),
and compares their outputs line by line. A Taipan process that dies
(signal, Rust panic) is a crash: its batch is replayed case by case to
find the input. Findings are printed and written to fuzz-findings/; the
exit status is 1 if there were any. `--rounds R` runs exactly R batches
(seeds S .. S+R-1) whatever the time they take: CI's bounded runs
(`.ci/run`) check the same cases on any machine. The cache loader's fuzzing is a Rust
test: `TAIPAN_FUZZ_SECONDS=N cargo test --release --test cache damaged`.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# (TAIPAN in the environment: another build, e.g. a copy that a rebuild
# during a long run leaves alone.)
TAIPAN = os.environ.get("TAIPAN") or os.path.join(ROOT, "target", "release", "taipan")
FINDINGS = os.path.join(ROOT, "fuzz-findings")

# The drivers: a program both interpreters run with SEED, BATCH and (for
# `compile`) the corpus file. Each prints one line per case.
COMPILE_DRIVER = r'''
import random, sys
random.seed(SEED)
corpus = open(CORPUS, "rb").read().split(b"\0\0\0\n")
corpus = [c for c in corpus if c]
ALPHABET = [b"(", b")", b"[", b"]", b"{", b"}", b":", b",", b"=", b"\n", b"    ",
            b"lambda", b"if", b"else", b"for", b"in", b"def", b"class", b"return",
            b"yield", b"async", b"await", b"match", b"case", b"*", b"**", b"'", b'"',
            b'f"{', b"}", b"\\", b"#", b"\t", b"0x", b"1e", b"j", b"@", b":=", b"->",
            b"\xff", b"\xc3", b"\x00", b"try:", b"except", b"finally:", b"with", b"global x"]

def mutate(data):
    data = bytearray(data)
    for _ in range(random.randint(1, 6)):
        op = random.randrange(6)
        at = random.randint(0, len(data))
        if op == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << random.randrange(8)
        elif op == 1:
            data[at:at] = random.choice(ALPHABET)
        elif op == 2 and data:
            del data[at:at + random.randint(1, 8)]
        elif op == 3:
            other = random.choice(corpus)
            start = random.randint(0, len(other))
            data[at:at] = other[start:start + random.randint(1, 80)]
        elif op == 4 and data:
            start = random.randint(0, len(data))
            data[at:at] = data[start:start + random.randint(1, 40)]
        else:
            data[at:at] = bytes([random.randrange(256)])
    return bytes(data)

for i in range(BATCH):
    src = mutate(random.choice(corpus))
    if ONLY is not None and i != ONLY:
        continue
    try:
        compile(src, "<fuzz>", "exec")
        print(i, "ok")
    except SyntaxError as e:
        print(i, type(e).__name__, e.lineno)
    except (ValueError, UnicodeDecodeError, MemoryError, RecursionError) as e:
        print(i, type(e).__name__)
'''

FORMAT_DRIVER = r'''
import random
random.seed(SEED)
VALUES = [0, 1, -1, 7, -42, 255, 10**20, -10**30, 0.0, -0.0, 1.5, -2.5, 1e-7,
          123456.789, 1e300, float("inf"), float("-inf"), float("nan"), True,
          "", "abc", "héllo", 3+4j, -0.5j]
TYPES = "bcdeEfFgGnosxX%"

def spec():
    parts = []
    if random.random() < 0.3:
        parts.append(random.choice(["", "*", "0", " ", "x", "é"]) + random.choice("<>=^"))
    if random.random() < 0.3:
        parts.append(random.choice("+- "))
    if random.random() < 0.2:
        parts.append("z" if random.random() < 0.2 else "#")
    if random.random() < 0.2:
        parts.append("0")
    if random.random() < 0.5:
        parts.append(str(random.choice([0, 1, 5, 12, 30, random.randint(0, 200)])))
    if random.random() < 0.3:
        parts.append(random.choice([",", "_"]))
    if random.random() < 0.5:
        parts.append("." + str(random.choice([0, 1, 3, 10, 17, random.randint(0, 120)])))
    if random.random() < 0.7:
        parts.append(random.choice(TYPES))
    return "".join(parts)

def outcome(f):
    try:
        return repr(f())
    except Exception as e:
        return type(e).__name__

for i in range(BATCH):
    v = random.choice(VALUES)
    s = spec()
    conv = random.choice("sdiouxXeEfFgGcr%a")
    flags = "".join(random.sample("-+ #0", random.randint(0, 2)))
    width = random.choice(["", "5", "12", "*"])
    prec = random.choice(["", ".0", ".3", ".12"])
    if ONLY is not None and i != ONLY:
        continue
    pct = "%" + flags + width + prec + conv
    pargs = (7, v) if width == "*" else v
    print(i, outcome(lambda: format(v, s)), outcome(lambda: ("{:" + s + "}").format(v)),
          outcome(lambda: pct % pargs))
'''

NUMBERS_DRIVER = r'''
import random
random.seed(SEED)
PIECES = ["0", "1", "7", "9", "a", "f", "z", "_", "__", " ", "\t", "+", "-", ".", "e",
          "E", "j", "J", "x", "o", "b", "0x", "0o", "0b", "inf", "nan", "Infinity",
          "(", ")", "\u0660", "\uff11", "1_000", "1e5", "1e-5", "1e999", "\n"]

def text():
    return "".join(random.choice(PIECES) for _ in range(random.randint(0, 6)))

def outcome(f):
    try:
        r = f()
        return repr(r)
    except Exception as e:
        return type(e).__name__

for i in range(BATCH):
    s = text()
    base = random.choice([10, 0, 2, 8, 16, 36, 3])
    if ONLY is not None and i != ONLY:
        continue
    print(i, outcome(lambda: int(s, base)), outcome(lambda: float(s)),
          outcome(lambda: complex(s)), outcome(lambda: int(s)))
'''

JIT_DRIVER = r'''
import random
random.seed(SEED)
# (No int between about 2**28 and 2**40: a str or list repeated that
# many times takes seconds and gigabytes; past 2**40 the allocation
# fails at once.)
# (Parenthesised: `2**62 ** 63` is `2 ** (62 ** 63)`.)
INTS = ["0", "1", "-1", "2", "7", "-3", "255", "(2**41)", "(2**62)", "(2**63 - 1)",
        "(-2**63)", "(2**64)", "(-2**64 - 1)", "(10**20)", "4611686018427387904",
        "-4611686018427387905"]
FLOATS = ["0.0", "-0.0", "1.5", "-2.25", "1e308", "-1e308", "5e-324", "float('inf')",
          "float('-inf')", "float('nan')", "0.1", "3.0"]
STRS = ["''", "'a'", "'xyz'", "'Hello'", "'é'", "'10'"]
ARITH = ["+", "-", "*", "//", "%", "/", "**", "&", "|", "^", "<<", ">>"]
SMALL = ["0", "1", "2", "3", "(-1)", "0.5", "63", "64", "(-2.0)"]
COMPARE = ["<", "<=", "==", "!=", ">", ">="]
NAMES = ["a", "b", "c"]
EXC = ["ZeroDivisionError", "OverflowError", "TypeError", "ValueError", "IndexError",
       "AttributeError", "ArithmeticError", "Exception"]

def v(x):
    """A value kept small enough to compute with in a loop."""
    if type(x) is int and not -2**80 < x < 2**80:
        return x % 2**80
    if type(x) is str and len(x) > 40:
        return x[:40]
    return x

class Obj:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def m(self, v):
        return self.x + v
    @property
    def p(self):
        return self.y

class Sub(Obj):
    def m(self, v):
        return self.y - v

def const():
    k = random.random()
    if k < 0.5:
        return random.choice(INTS)
    if k < 0.8:
        return random.choice(FLOATS)
    return random.choice(STRS)

def expr(depth=0):
    k = random.random()
    if depth > 2 or k < 0.3:
        return random.choice(NAMES) if random.random() < 0.6 else const()
    if k < 0.55:
        op = random.choice(ARITH)
        if op in ("**", "<<", ">>"):
            # (A small right operand: `7 ** 2**62` runs for ever anywhere.)
            return "(%s %s %s)" % (expr(depth + 1), op, random.choice(SMALL))
        return "(%s %s %s)" % (expr(depth + 1), op, expr(depth + 1))
    if k < 0.65:
        return "(%s %s %s)" % (expr(depth + 1), random.choice(COMPARE), expr(depth + 1))
    if k < 0.67:
        return "(-%s)" % expr(depth + 1)
    if k < 0.7:
        # (Identity only with None: whether equal numbers or strs are
        # the same object is the implementation's business.)
        return "(%s is %sNone)" % (expr(depth + 1), random.choice(["", "not "]))
    if k < 0.75:
        return "(not %s)" % expr(depth + 1)
    if k < 0.82:
        return "o.%s" % random.choice(["x", "y", "p", "m(%s)" % expr(depth + 1)])
    if k < 0.87:
        return "lst[%s]" % random.choice(["0", "-1", "1", "i", "a", "5"])
    if k < 0.92:
        if MODE == "closure" and random.random() < 0.4:
            return "g(%s)" % expr(depth + 1)
        return "%s(%s)" % (random.choice(["abs", "len", "int", "float", "str", "type", "bool"]),
                           expr(depth + 1))
    if k < 0.96:
        return "(%s if %s else %s)" % (expr(depth + 1), expr(depth + 1), expr(depth + 1))
    return "%s(%s, %s)" % (random.choice(["min", "max", "isinstance"]), expr(depth + 1),
                           "int" if random.random() < 0.5 else expr(depth + 1))

def block(depth, indent):
    lines = []
    for _ in range(random.randint(1, 4)):
        lines.extend(statement(depth, indent))
    return lines

def statement(depth, indent):
    pad = "    " * indent
    k = random.random()
    if depth > 2 or k < 0.35:
        target = random.choice(NAMES + ["o.x", "o.y", "o.z", "lst[0]", "i"])
        op = random.choice(["=", "=", "+=", "-=", "*=", "//=", "%="])
        # (Each assignment is followed by a clamp, `v`: repeated in a
        # loop, `a *= a` would otherwise grow without bound.)
        return [pad + "%s %s %s" % (target, op, expr()), pad + "%s = v(%s)" % (target, target)]
    if k < 0.45:
        return [pad + "if %s:" % expr()] + block(depth + 1, indent + 1) + \
               [pad + "else:"] + block(depth + 1, indent + 1)
    if k < 0.55:
        return [pad + "for i in range(%d):" % random.randint(0, 6)] + block(depth + 1, indent + 1)
    if k < 0.7:
        return ([pad + "try:"] + block(depth + 1, indent + 1) +
                [pad + "except %s as e:" % random.choice(EXC),
                 pad + "    out.append(type(e).__name__)"] +
                ([pad + "finally:", pad + "    out.append('f')"] if random.random() < 0.3 else []))
    if k < 0.78:
        return [pad + "out.append(%s)" % expr()]
    if k < 0.84:
        if MODE == "generator" and random.random() < 0.6:
            # A yield as a statement, or inside an expression (the value
            # sent comes back on the stack).
            if random.random() < 0.5:
                return [pad + "yield %s" % expr()]
            return [pad + "out.append((%s, (yield %s)))" % (expr(), expr())]
        return [pad + "lst.append(%s)" % expr()]
    if k < 0.9:
        return [pad + "o = %s(%s, %s)" % (random.choice(["Obj", "Sub"]), expr(), expr())]
    if k < 0.95:
        return [pad + "if %s:" % expr(), pad + "    return out, %s" % expr()]
    return [pad + "raise %s(%s)" % (random.choice(EXC[:6]), const())]

MODE = "plain"

def function():
    # A plain function, a generator (yields; run by `drain`, which sends
    # values in), or a closure (an inner function `g` capturing `a` and
    # `out`, which become cells read and written through DEREF).
    global MODE
    MODE = random.choice(["plain", "plain", "generator", "closure"])
    lines = ["def f(a, b, c):", "    out = []", "    i = 0",
             "    o = %s(%s, %s)" % (random.choice(["Obj", "Sub"]), const(), const()),
             "    lst = [%s, %s, %s]" % (const(), const(), const())]
    if MODE == "closure":
        lines += ["    def g(x):", "        nonlocal a", "        out.append(x)",
                  "        a = v(a if x is None else x)", "        return a"]
    lines += block(0, 1)
    lines.append("    return out, a, b, c, o.x, o.y, lst")
    return "\n".join(lines)

def drain(r):
    """A generator's values (each resume sending the count so far) and
    its return value; anything else as it is."""
    if type(r).__name__ != "generator":
        return r
    items = []
    try:
        items.append(next(r))
        while len(items) < 50:
            items.append(r.send(len(items)))
    except StopIteration as e:
        return items, e.value
    r.close()
    return items, "closed"

def show(r):
    try:
        return repr(r)
    except Exception as e:
        return "repr failed: " + type(e).__name__

for n in range(BATCH):
    src = function()
    args = [[const() for _ in range(3)] for _ in range(3)]
    if ONLY is not None and n != ONLY:
        continue
    ns = {"Obj": Obj, "Sub": Sub, "v": v}
    exec(src, ns)
    f = ns["f"]
    for a in args:
        try:
            r = show(drain(f(*[eval(x) for x in a])))
        except Exception as e:
            r = "%s: %s" % (type(e).__name__, e)
        print(n, r)
'''

DRIVERS = {"compile": COMPILE_DRIVER, "format": FORMAT_DRIVER, "numbers": NUMBERS_DRIVER,
           "jit": JIT_DRIVER}
# The Taipan commands each target runs (the JIT target: both tiers, and
# the JIT compiling each function on its third call, with the type
# feedback of the first two: the guarded inline paths).
TAIPANS = {"jit": [[TAIPAN], [TAIPAN, "--jit", "--jit-threshold", "0"],
                   [TAIPAN, "--jit", "--jit-threshold", "2"]]}


def corpus_file():
    """The `compile` target's seeds: every program test, joined."""
    path = os.path.join(FINDINGS, "corpus.bin")
    os.makedirs(FINDINGS, exist_ok=True)
    parts = []
    for root, _, files in os.walk(os.path.join(ROOT, "tests", "programs")):
        for f in sorted(files):
            if f.endswith(".py"):
                parts.append(open(os.path.join(root, f), "rb").read())
    open(path, "wb").write(b"\0\0\0\n".join(parts))
    return path


def program(target, seed, batch, only=None, corpus=None):
    head = "SEED = %d\nBATCH = %d\nONLY = %r\nCORPUS = %r\n" % (seed, batch, only, corpus)
    return head + DRIVERS[target]


def run(cmd, source, timeout):
    # One driver file per fuzzing process, so targets can run side by side.
    path = os.path.join(FINDINGS, "driver-%d.py" % os.getpid())
    open(path, "w").write(source)
    try:
        r = subprocess.run(cmd + [path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    return r, r.stdout.decode("utf-8", "replace")


def crashed(r):
    err = r.stderr.decode("utf-8", "replace")
    return r.returncode < 0 or r.returncode == 101 or "panicked at" in err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("target", choices=sorted(DRIVERS))
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=None,
                    help="run exactly this many batches (ignores --seconds)")
    args = ap.parse_args()
    os.makedirs(FINDINGS, exist_ok=True)
    corpus = corpus_file() if args.target == "compile" else None
    start = time.time()
    deadline = start + args.seconds
    seed, cases, findings = args.seed, 0, []
    commands = TAIPANS.get(args.target, [[TAIPAN]])

    def more():
        if args.rounds is not None:
            return seed < args.seed + args.rounds
        return time.time() < deadline

    while more():
        src = program(args.target, seed, args.batch, corpus=corpus)
        _, want = run([sys.executable], src, 300)
        for cmd in commands:
            got = compare(args, cmd, src, want, seed, corpus, findings)
            # (The JIT is held to the interpreter, the interpreter to
            # CPython: a difference is reported once, where it starts.)
            if got is not None:
                want = got
        cases += args.batch
        seed += 1
    print("%s: %d cases in %.0f s (seeds %d..%d), %d findings" % (
        args.target, cases, time.time() - start, args.seed, seed - 1, len(findings)))
    if args.target == "compile":
        print("compile: %d programs both rejected with another exception or line "
              "(not findings: the diagnostics of invalid programs)" % len(DIAGNOSTICS))
    for f in findings[:50]:
        print("  " + f)
    if findings:
        with open(os.path.join(FINDINGS, args.target + ".txt"), "w") as out:
            out.write("\n".join(findings) + "\n")
    return 1 if findings else 0


# `compile`: programs both rejected, with another exception or line.
DIAGNOSTICS = []


def accepted(line):
    """Whether a `compile` driver line says the program compiled."""
    return line.split(" ", 1)[-1] == "ok"


def compare(args, cmd, src, want, seed, corpus, findings):
    """One batch run by one Taipan command against the expected output
    (CPython's, or the interpreter's for the JIT); adds to `findings`
    and returns the output (None after a crash or hang)."""
    mode = " ".join(cmd[1:]) or "interpreter"
    r, got = run(cmd, src, 300)
    if True:
        if r is None or crashed(r):
            what = "hang" if r is None else "crash"
            # Replay the batch case by case to find the input.
            for i in range(args.batch):
                one = program(args.target, seed, args.batch, only=i, corpus=corpus)
                r1, _ = run(cmd, one, 60)
                if r1 is None or crashed(r1):
                    findings.append("%s (%s): seed %d case %d" % (what, mode, seed, i))
                    break
            else:
                findings.append("%s (%s): seed %d (not reproduced case by case)" % (
                    what, mode, seed))
            return None
        else:
            for a, b in zip(got.splitlines(), want.splitlines()):
                if a == b:
                    continue
                if args.target == "compile" and accepted(a) == accepted(b):
                    # Both rejected the program, with another exception
                    # or on another line: a diagnostic difference.
                    DIAGNOSTICS.append((seed, a, b))
                    continue
                findings.append("differs (%s): seed %d: taipan %s | cpython %s" % (
                    mode, seed, a, b))
            if len(got.splitlines()) != len(want.splitlines()):
                findings.append("differs (%s): seed %d: %d lines vs %d" % (
                    mode, seed, len(got.splitlines()), len(want.splitlines())))
    return got


if __name__ == "__main__":
    sys.exit(main())
