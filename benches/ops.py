"""Per-operation benchmark runner: runs benches/ops/ops.py with the Taipan
interpreter, Taipan with the JIT (when the binary has one), CPython
(`python3`) and PyPy (`pypy3`, when installed) in one run, and prints each
operation's cost in nanoseconds and Taipan's cost as a multiple of
CPython's (lower is better; 1.0 means the same cost).

Usage: python3 benches/ops.py [--iterations N] [--rounds R] [--markdown]
Builds the release binary first. The engines run in turn, R rounds over
(default 5), and each operation's best cost over the rounds is kept:
a shared machine's load comes and goes over seconds, and interleaving
the engines keeps one engine from being timed only while it is high.
"""
import argparse
import os
import subprocess
import sys

from run import engines

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PROGRAM = os.path.join(ROOT, "benches", "ops", "ops.py")


def measure(cmd, iterations):
    r = subprocess.run(cmd + [PROGRAM, str(iterations)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("%s failed: %s" % (" ".join(cmd), r.stderr.strip()))
    costs = {}
    for line in r.stdout.splitlines():
        name, ns = line.rsplit("\t", 1)
        costs[name] = float(ns)
    return costs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=200000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    engs = engines()
    results = {name: {} for name, _ in engs}
    for _ in range(max(args.rounds, 1)):
        for name, cmd in engs:
            for op, ns in measure(cmd, args.iterations).items():
                best = results[name].get(op)
                results[name][op] = ns if best is None else min(best, ns)
    ops = list(results["python3"])
    names = [n for n, _ in engs]
    taipans = [n for n in names if n.startswith("taipan")]
    header = ["operation"] + ["%s (ns)" % n for n in names] + ["%s / CPython" % n for n in taipans]
    rows = []
    for op in ops:
        row = [op] + ["%.1f" % results[n][op] for n in names]
        ref = results["python3"][op]
        for n in taipans:
            row.append("%.2fx" % (results[n][op] / ref) if ref > 0 else "-")
        rows.append(row)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        for row in [header] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    main()
