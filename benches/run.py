"""Benchmark runner: times every program in benches/programs with the
Taipan interpreter, Taipan with the JIT (when the binary has one), CPython
(`python3`) and PyPy (`pypy3`, when installed), side by side in one run.
Checks that all outputs agree, prints each time (best of N runs), the
ratio to CPython (>1 means faster than CPython) and geometric means.

Usage: python3 benches/run.py [--runs N] [--markdown] [PROGRAM ...]
Builds the release binary first.
"""
import argparse
import math
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TAIPAN = os.path.join(ROOT, "target", "release", "taipan")


def has_jit():
    r = subprocess.run([TAIPAN, "--help"], capture_output=True, text=True)
    return "--jit" in r.stdout


def engines():
    out = [("taipan", [TAIPAN])]
    if has_jit():
        out.append(("taipan --jit", [TAIPAN, "--jit"]))
    out.append(("python3", [sys.executable]))
    if shutil.which("pypy3"):
        out.append(("pypy3", ["pypy3"]))
    return out


def jit_compile_ms(path):
    """JIT compile time of one run, from --jit-stats."""
    r = subprocess.run([TAIPAN, "--jit", "--jit-stats", path], capture_output=True, text=True)
    for line in r.stderr.splitlines():
        if "compile time" in line:
            return float(line.split("compile time")[1].split("ms")[0])
    return None


def time_run(cmd, path, runs):
    best = None
    output = None
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(cmd + [path], capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if r.returncode != 0:
            return None, "exit %d: %s" % (r.returncode, r.stderr.strip().splitlines()[-1:] or "")
        output = r.stdout
        best = elapsed if best is None else min(best, elapsed)
    return best, output


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    progdir = os.path.join(ROOT, "benches", "programs")
    progs = args.programs or sorted(f for f in os.listdir(progdir) if f.endswith(".py"))
    engs = engines()
    results = {}
    ok = True
    for p in progs:
        path = os.path.join(progdir, os.path.basename(p))
        row = {}
        reference = None
        for name, cmd in engs:
            t, out = time_run(cmd, path, args.runs)
            row[name] = t
            if t is None:
                print("%s: %s failed: %s" % (p, name, out), file=sys.stderr)
                ok = False
                continue
            if name == "python3":
                reference = out
            row[name + ":out"] = out
        for name, _ in engs:
            if row.get(name) is not None and reference is not None and row[name + ":out"] != reference:
                print("%s: output of %s differs from python3" % (p, name), file=sys.stderr)
                ok = False
        if any(n == "taipan --jit" for n, _ in engs):
            row["jit compile"] = jit_compile_ms(path)
        results[p] = row
    names = [n for n, _ in engs]
    header = ["benchmark"] + ["%s (s)" % n for n in names] + ["%s vs CPython" % n for n in names if n != "python3"]
    has_jit_col = "taipan --jit" in names
    if has_jit_col:
        # (Compiled on the compile thread: the time is off the run's own
        # thread, shown against the run for scale.)
        header.append("JIT compile, background (% of --jit run)")
    rows = []
    for p in progs:
        row = results[p]
        base = row.get("python3")
        cells = [p[:-3]]
        cells += ["%.3f" % row[n] if row.get(n) is not None else "fail" for n in names]
        for n in names:
            if n == "python3":
                continue
            cells.append("%.2fx" % (base / row[n]) if base and row.get(n) else "-")
        if has_jit_col:
            ms, t = row.get("jit compile"), row.get("taipan --jit")
            cells.append("%.1f ms (%.1f%%)" % (ms, 100 * ms / 1000 / t) if ms is not None and t else "-")
        rows.append(cells)
    gm = ["geometric mean"] + [""] * len(names)
    for n in names:
        if n == "python3":
            continue
        ratios = [results[p]["python3"] / results[p][n] for p in progs if results[p].get(n) and results[p].get("python3")]
        gm.append("%.2fx" % math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else "-")
    if has_jit_col:
        gm.append("")
    rows.append(gm)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
        for r in [header] + rows:
            print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
