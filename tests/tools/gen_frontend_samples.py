"""Regenerates the expected outputs beside each tests/frontend_samples/*.py:
NAME.tokens is what `python3 -m tokenize NAME.py` prints (stdout, then
stderr), NAME.ast is `ast.dump(ast.parse(bytes))` and NAME.ast-attributes
the same with include_attributes=True (or CPython's SyntaxError output).
Run: python3 tests/tools/gen_frontend_samples.py
"""
import ast
import glob
import os
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "frontend_samples")


def main():
    assert sys.version_info[:2] == (3, 11), "the reference is CPython 3.11"
    for path in sorted(glob.glob(os.path.join(HERE, "*.py"))):
        name = os.path.basename(path)
        stem = path[:-3]
        r = subprocess.run([sys.executable, "-m", "tokenize", name], cwd=HERE, capture_output=True)
        with open(stem + ".tokens", "wb") as f:
            f.write(r.stdout + r.stderr)
        src = open(path, "rb").read()
        for suffix, attrs in ((".ast", False), (".ast-attributes", True)):
            try:
                text = ast.dump(ast.parse(src), include_attributes=attrs) + "\n"
            except SyntaxError as e:
                text = "SyntaxError line %s: %s\n" % (e.lineno, e.msg)
            with open(stem + suffix, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main()
