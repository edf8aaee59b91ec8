"""Concurrency benchmarks (issue 15), side by side with CPython (and PyPy
when installed) in one run:

- threads_cpu: N threads each run one CPU-bound loop. Reported: the time
  for N threads over N times the time for one ("GIL cost": 1.00 means
  the lock costs nothing; nothing runs in parallel under a GIL).
- threads_io: N threads wait on loopback round trips. Reported: the time
  for N threads over the time for one ("overlap": near 1.0 when the
  waits overlap, N when they do not).
- asyncio_echo: N concurrent asyncio stream clients against one server;
  the time, and its ratio to CPython's (>1 is faster).

Every engine's output must equal CPython's.

Usage: python3 benches/concurrency.py [--runs N] [--markdown]
Builds the release binary first.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TAIPAN = os.path.join(ROOT, "target", "release", "taipan")
HERE = os.path.join(ROOT, "benches", "concurrency")

# Program, the thread/connection count compared with 1.
PROGRAMS = [("threads_cpu.py", 4), ("threads_io.py", 16), ("asyncio_echo.py", 100)]


def engines():
    out = [("taipan", [TAIPAN]), ("taipan --jit", [TAIPAN, "--jit"]), ("python3", [sys.executable])]
    if shutil.which("pypy3"):
        out.append(("pypy3", ["pypy3"]))
    return out


def best_time(cmd, program, n, runs):
    """The best wall time of `runs` runs, and the output (None on failure)."""
    best, output = None, None
    for _ in range(runs):
        start = time.perf_counter()
        r = subprocess.run(cmd + [os.path.join(HERE, program), str(n)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if r.returncode != 0:
            print(f"{program} {n}: {cmd} failed: {r.stderr.strip()[-300:]}", file=sys.stderr)
            return None, None
        output = r.stdout
        best = elapsed if best is None else min(best, elapsed)
    return best, output


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    engs = engines()
    header = ["benchmark", "engine", "time for 1 (s)", "time for N (s)", "measure", "vs CPython"]
    rows, ok = [], True
    for program, n in PROGRAMS:
        measured = {}
        reference = {}
        for name, cmd in engs:
            t1, out1 = best_time(cmd, program, 1, args.runs)
            tn, outn = best_time(cmd, program, n, args.runs)
            if t1 is None or tn is None:
                ok = False
                continue
            if name == "python3":
                reference = {1: out1, n: outn}
            measured[name] = (t1, tn, out1, outn)
        for name, (t1, tn, out1, outn) in measured.items():
            if reference and (out1 != reference[1] or outn != reference[n]):
                print(f"{program}: output of {name} differs from python3", file=sys.stderr)
                ok = False
            if program == "threads_cpu.py":
                measure = f"GIL cost {tn / (n * t1):.2f} (N={n})"
            elif program == "threads_io.py":
                measure = f"overlap {tn / t1:.2f} (N={n})"
            else:
                measure = f"{n} connections"
            base = measured.get("python3")
            vs = f"{base[1] / tn:.2f}x" if base else "-"
            rows.append([program[:-3], name, f"{t1:.3f}", f"{tn:.3f}", measure, vs])
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
        for r in [header] + rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
