#!/usr/bin/env python3
"""The embedding benchmark (issue 13): one C host (benches/embed/bench_host.c)
compiled against CPython 3.11 (python3-config --embed) and against Taipan
(include/, libtaipan.so), run side by side in one run:

  calls  10^6 calls from C of a small Python function (the call overhead)
  work   one call of a numeric loop (Taipan's JIT compiles it)

Prints the best of --runs for each engine and the ratio Taipan / CPython
(time; below 1 is faster). Builds libtaipan.so with `cargo build --release
-p taipan-capi` first.

    python3 benches/embed.py [--runs 5] [--calls 1000000] [--work 3000000] [--markdown]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def python_config():
    for c in ("python3.11-config", "python3-config"):
        try:
            sh(c, "--includes")
            return c
        except (OSError, subprocess.CalledProcessError):
            continue
    sys.exit("python3-config not found (Debian: apt-get install python3.11-dev)")


def build(out):
    sh("cargo", "build", "--release", "-q", "-p", "taipan-capi", cwd=ROOT)
    lib = os.path.join(ROOT, "target", "release")
    src = os.path.join(ROOT, "benches", "embed", "bench_host.c")
    cfg = python_config()
    ldflags = sh(cfg, "--ldflags", "--embed").split()
    rpaths = ["-Wl,-rpath," + f[2:] for f in ldflags if f.startswith("-L")]
    cpython = os.path.join(out, "bench_cpython")
    sh("cc", "-O2", src, *sh(cfg, "--includes").split(), "-o", cpython, *ldflags, *rpaths)
    taipan = os.path.join(out, "bench_taipan")
    sh("cc", "-O2", src, "-I", os.path.join(ROOT, "include"), "-o", taipan,
       "-L", lib, "-ltaipan", "-Wl,-rpath," + lib)
    return cpython, taipan


def measure(exe, mode, n, runs, env):
    best, answer = None, None
    for _ in range(runs):
        out = sh(exe, mode, str(n), env=env)
        value = float(re.match(r"([\d.]+)", out).group(1))
        answer = out.split("(", 1)[1]
        best = value if best is None else min(best, value)
    return best, answer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--work", type=int, default=3_000_000)
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "benches", "embed"),
               PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryDirectory() as tmp:
        cpython, taipan = build(tmp)
        rows = []
        for mode, n, unit in (("calls", a.calls, "ns/call"), ("work", a.work, "s")):
            c, c_answer = measure(cpython, mode, n, a.runs, env)
            t, t_answer = measure(taipan, mode, n, a.runs, env)
            if c_answer != t_answer:
                sys.exit(f"{mode}: the engines disagree: {c_answer!r} vs {t_answer!r}")
            rows.append((mode, n, unit, t, c, t / c))
    if a.markdown:
        print("| case | n | unit | taipan | python3 | taipan / python3 |")
        print("|---|---|---|---|---|---|")
        for mode, n, unit, t, c, r in rows:
            print(f"| {mode} | {n:,} | {unit} | {t:g} | {c:g} | {r:.2f}x |")
    else:
        for mode, n, unit, t, c, r in rows:
            print(f"{mode:6} n={n:<10} taipan {t:10g} {unit:8} python3 {c:10g} {unit:8} ratio {r:.2f}x")


if __name__ == "__main__":
    main()
