"""Machine instructions per operation (issue 9's table), counted with
callgrind: each benchmark of benches/ops/ops.py runs once with 0 and once
with K iterations, under `valgrind --tool=callgrind`, for the Taipan
interpreter and for CPython (PYTHONHASHSEED=0, as its counts move with
hash randomisation); the difference divided by 10*K is the cost of one
operation. Instruction counts do not depend on the machine's load, so
they compare builds and engines more steadily than times.

Usage: python3 benches/ops_instructions.py [--iterations K] [--markdown]
Needs valgrind. Builds the release binary first.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OPS = os.path.join(ROOT, "benches", "ops", "ops.py")


def driver(name, n):
    """A program that defines ops.py's benchmarks and runs one of them."""
    source = open(OPS).read()
    definitions = source[: source.index("def timed(")]
    return definitions + "\nfor _n, _f, _b in BENCHES:\n    if _n == %r:\n        _f(%d)\n" % (name, n)


def instructions(cmd, program):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "op.py")
        with open(path, "w") as f:
            f.write(program)
        env = dict(os.environ, PYTHONHASHSEED="0")
        r = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + os.path.join(d, "cg")]
            + cmd
            + [path],
            capture_output=True,
            text=True,
            env=env,
        )
        m = re.search(r"refs:\s+([\d,]+)", r.stderr)
        if r.returncode != 0 or not m:
            sys.exit("%s failed: %s" % (" ".join(cmd), r.stderr[-2000:]))
        return int(m.group(1).replace(",", ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    # The interpreter itself, not a launcher script (valgrind does not
    # follow an exec).
    python = subprocess.run(
        ["python3", "-c", "import sys; print(sys.executable)"], capture_output=True, text=True
    ).stdout.strip()
    engines = [
        ("taipan", [os.path.join(ROOT, "target", "release", "taipan")]),
        ("python3", [python]),
    ]
    names = re.findall(r'^\s+\("([^"]+)", \w+, \w+\),$', open(OPS).read(), re.M)
    rows = []
    for name in names:
        k = args.iterations // 10 if name in ("C(a, b)", "raise/except") else args.iterations
        per_op = {}
        for engine, cmd in engines:
            base = instructions(cmd, driver(name, 0))
            full = instructions(cmd, driver(name, k))
            per_op[engine] = (full - base) / (10 * k)
        rows.append((name, per_op["taipan"], per_op["python3"]))
    if args.markdown:
        print("| operation | Taipan | CPython 3.11 | ratio |")
        print("|---|---|---|---|")
        for name, t, c in rows:
            print("| `%s` | %.0f | %.0f | %.2fx |" % (name, t, c, t / c))
    else:
        for name, t, c in rows:
            print("%-20s %8.0f %8.0f %6.2fx" % (name, t, c, t / c))


if __name__ == "__main__":
    main()
