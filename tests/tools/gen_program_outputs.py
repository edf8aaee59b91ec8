"""Regenerates the expected outputs of tests/programs: for every NAME.py
(files starting with `_` are helper modules, not programs), runs it with
CPython 3.11 from the repository root (the repository's absolute path written as
`<ROOT>`) and writes NAME.out (stdout) and,
when non-empty, NAME.err (stderr). A program whose exit code is not 1
with an .err file (0 without) also gets NAME.exit.
Run: python3 tests/tools/gen_program_outputs.py [NAME.py ...]
"""
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def programs():
    base = os.path.join(ROOT, "tests", "programs")
    for d, dirs, files in os.walk(base):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for f in sorted(files):
            if f.endswith(".py") and not f.startswith("_"):
                yield os.path.relpath(os.path.join(d, f), ROOT)


def main():
    assert sys.version_info[:2] == (3, 11), "the reference is CPython 3.11"
    selected = sys.argv[1:] or list(programs())
    for rel in selected:
        r = subprocess.run([sys.executable, rel], cwd=ROOT, capture_output=True, timeout=120)
        stem = os.path.join(ROOT, rel[:-3])
        # Tracebacks name the script by its absolute path; keep the
        # expected files independent of where the repository lives.
        r.stdout = r.stdout.replace(ROOT.encode() + b"/", b"<ROOT>/")
        r.stderr = r.stderr.replace(ROOT.encode() + b"/", b"<ROOT>/")
        with open(stem + ".out", "wb") as f:
            f.write(r.stdout)
        for suffix in (".err", ".exit"):
            if os.path.exists(stem + suffix):
                os.remove(stem + suffix)
        if r.stderr:
            with open(stem + ".err", "wb") as f:
                f.write(r.stderr)
        expected = 1 if r.stderr else 0
        if r.returncode != expected:
            with open(stem + ".exit", "w") as f:
                f.write("%d\n" % r.returncode)
        print("%-60s exit %d" % (rel, r.returncode))


if __name__ == "__main__":
    main()
