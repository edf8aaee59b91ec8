"""Runs CPython's own regression tests (the `test` package of the 3.11
library Taipan uses) under python3 and under Taipan, in the interpreter
and with --jit, and records per file how many of the tests CPython passes
pass on Taipan, into docs/conformance.md (between its REGRTEST markers).

    python3 tools/regrtest/run.py                 # every listed file
    python3 tools/regrtest/run.py test_bisect     # some files, table not written
    python3 tools/regrtest/run.py --no-jit ...    # the interpreter only

Needs the test package: `apt-get install -y libpython3.11-testsuite` on
Debian (or a python3.11 whose library has test/test_*.py).
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "driver.py"
DOC = ROOT / "docs" / "conformance.md"
BEGIN, END = "<!-- REGRTEST BEGIN -->", "<!-- REGRTEST END -->"

# Issue 11's list.
FILES = """test_bisect test_heapq test_collections test_itertools test_functools
test_operator test_json test_re test_struct test_math test_random test_string
test_textwrap test_enum test_dataclasses test_typing test_contextlib test_copy
test_base64 test_binascii test_zlib test_hashlib test_array test_datetime
test_fractions test_statistics test_csv test_pathlib test_argparse test_glob
test_fnmatch test_shutil test_tempfile""".split()


def limit_memory():
    """A runaway test stops at 4 GiB of address space (MemoryError or an
    abort) instead of taking the machine's memory."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run(cmd, name, timeout):
    """Runs the driver on test module `name`; its outcomes by test id, the
    time taken, and how it ended (ok, timeout, crash with the exit code)."""
    start = time.monotonic()
    env = dict(os.environ, PYTHONHASHSEED="0")
    import tempfile

    work = tempfile.mkdtemp(prefix="regrtest-")
    try:
        proc = subprocess.run(
            cmd + [str(DRIVER), name],
            capture_output=True,
            timeout=timeout,
            cwd=work,
            env=env,
            preexec_fn=limit_memory,
        )
        out, code, ended = proc.stdout, proc.returncode, None
    except subprocess.TimeoutExpired as e:
        out, code, ended = e.stdout or b"", None, "timeout"
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    outcomes = {}
    done = False
    for line in out.decode("utf-8", "replace").splitlines():
        # (A test may have printed on the line first, without a newline.)
        m = re.search(r"(?:^|\s)RESULT (\w+) (\S+)$", line)
        if m:
            kind, test = m.groups()
            if kind == "subfail":
                outcomes[test] = "fail"
            else:
                outcomes.setdefault(test, kind)
        elif line == "DONE":
            done = True
    if ended is None:
        ended = "ok" if done else f"stopped (exit {code})"
    return outcomes, time.monotonic() - start, ended


def passed(outcomes):
    return {t for t, k in outcomes.items() if k in ("pass", "xfail")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--taipan", default=str(ROOT / "target" / "release" / "taipan"))
    ap.add_argument("--python", default="python3")
    ap.add_argument("--no-jit", action="store_true")
    ap.add_argument("--timeout", type=int, default=900)
    args = ap.parse_args()
    files = args.files or FILES
    modes = [("interpreter", [args.taipan])]
    if not args.no_jit:
        modes.append(("--jit", [args.taipan, "--jit"]))
    rows = []
    totals = {"cpython": 0, **{m: 0 for m, _ in modes}}
    for name in files:
        ref, ref_time, ref_end = run([args.python], name, args.timeout)
        want = passed(ref)
        row = [name, str(len(want))]
        totals["cpython"] += len(want)
        for mode, cmd in modes:
            got, secs, ended = run(cmd, name, args.timeout)
            ok = len(want & passed(got))
            totals[mode] += ok
            pct = 100.0 * ok / len(want) if want else 100.0
            note = "" if ended == "ok" else f" ({ended})"
            row.append(f"{ok} ({pct:.0f}%){note}")
            row.append(f"{secs:.1f} s")
        row.append(f"{ref_time:.1f} s")
        rows.append(row)
        print(" | ".join(row), flush=True)
    header = ["file", "CPython passes"]
    for mode, _ in modes:
        header += [f"Taipan {mode}", "time"]
    header.append("CPython time")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    total = ["**total**", str(totals["cpython"])]
    for mode, _ in modes:
        pct = 100.0 * totals[mode] / max(totals["cpython"], 1)
        total += [f"**{totals[mode]} ({pct:.1f}%)**", ""]
    total.append("")
    lines.append("| " + " | ".join(total) + " |")
    table = "\n".join(lines)
    print(table)
    if not args.files:
        doc = DOC.read_text()
        stamp = time.strftime("%Y-%m-%d")
        block = f"{BEGIN}\nMeasured {stamp} by `python3 tools/regrtest/run.py`.\n\n{table}\n{END}"
        if BEGIN in doc:
            doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, doc, flags=re.S)
        else:
            doc += "\n## CPython's regression tests\n\n" + block + "\n"
        DOC.write_text(doc)


if __name__ == "__main__":
    sys.exit(main())
