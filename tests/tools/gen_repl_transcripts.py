"""Regenerates the REPL test's expected screens (tests/repl/NAME.screen)
from CPython 3.11's interactive prompt: each tests/repl/NAME.keys is typed
into `python3 -q` in tmux (tests/tools/tmux_session.py), with the
arguments in NAME.args after `-q` (one per line) when there is one.

Usage: python3 tests/tools/gen_repl_transcripts.py [NAME.keys ...]
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPL = os.path.join(HERE, "..", "repl")


def main():
    keys = sys.argv[1:] or sorted(glob.glob(os.path.join(REPL, "*.keys")))
    for k in keys:
        args_file = k[: -len(".keys")] + ".args"
        args = open(args_file).read().splitlines() if os.path.exists(args_file) else []
        r = subprocess.run(
            [sys.executable, os.path.join(HERE, "tmux_session.py"), k, sys.executable, "-q"] + args,
            capture_output=True,
            text=True,
            check=True,
        )
        out = k[: -len(".keys")] + ".screen"
        with open(out, "w") as f:
            f.write(r.stdout)
        print(out)


if __name__ == "__main__":
    main()
