#!/usr/bin/env python3
"""Time-bounded fuzzing of Taipan against CPython 3.11 (issue 16).

    python3 tools/fuzz.py TARGET [--seconds N] [--seed S] [--batch B]

Targets:
  compile  arbitrary bytes (mutated programs of tests/programs) through
           Taipan's tokenizer, parser and compiler (`compile()`): Taipan
           must not crash, and must accept exactly what CPython accepts.
  format   random values and format specs through `format()`, `%` and
           `str.format`: the same text or the same exception as CPython.
  numbers  random strings through `int()` (several bases), `float()` and
           `complex()`: the same value or the same exception as CPython.

Each round runs one batch of generated cases in one Taipan process and one
CPython process, both executing the same driver program (generation is
seeded, and Taipan's `random` is CPython's, so both see the same cases),
and compares their outputs line by line. A Taipan process that dies
(signal, Rust panic) is a crash: its batch is replayed case by case to
find the input. Findings are printed and written to fuzz-findings/; the
exit status is 1 if there were any. The cache loader's fuzzing is a Rust
test: `TAIPAN_FUZZ_SECONDS=N cargo test --release --test cache damaged`.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TAIPAN = os.path.join(ROOT, "target", "release", "taipan")
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

DRIVERS = {"compile": COMPILE_DRIVER, "format": FORMAT_DRIVER, "numbers": NUMBERS_DRIVER}


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
    args = ap.parse_args()
    os.makedirs(FINDINGS, exist_ok=True)
    corpus = corpus_file() if args.target == "compile" else None
    deadline = time.time() + args.seconds
    seed, cases, findings = args.seed, 0, []
    while time.time() < deadline:
        src = program(args.target, seed, args.batch, corpus=corpus)
        r, got = run([TAIPAN], src, 300)
        _, want = run([sys.executable], src, 300)
        if r is None or crashed(r):
            what = "hang" if r is None else "crash"
            # Replay the batch case by case to find the input.
            for i in range(args.batch):
                one = program(args.target, seed, args.batch, only=i, corpus=corpus)
                r1, _ = run([TAIPAN], one, 60)
                if r1 is None or crashed(r1):
                    findings.append("%s: seed %d case %d" % (what, seed, i))
                    break
            else:
                findings.append("%s: seed %d (not reproduced case by case)" % (what, seed))
        else:
            for a, b in zip(got.splitlines(), want.splitlines()):
                if a != b:
                    findings.append("differs: seed %d: taipan %s | cpython %s" % (seed, a, b))
            if len(got.splitlines()) != len(want.splitlines()):
                findings.append("differs: seed %d: %d lines vs %d" % (
                    seed, len(got.splitlines()), len(want.splitlines())))
        cases += args.batch
        seed += 1
    print("%s: %d cases in %.0f s (seeds %d..%d), %d findings" % (
        args.target, cases, args.seconds, args.seed, seed - 1, len(findings)))
    for f in findings[:50]:
        print("  " + f)
    if findings:
        with open(os.path.join(FINDINGS, args.target + ".txt"), "w") as out:
            out.write("\n".join(findings) + "\n")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
