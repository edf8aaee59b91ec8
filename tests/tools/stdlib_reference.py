"""Reference data for the stdlib conformance test, computed by CPython.

For every .py file of the standard library (site-packages excluded) prints
one line: relative path, sha256 of `python3 -m tokenize FILE`'s output
(stdout, then its stderr error line if any), and either `AST:` + sha256 of
`ast.dump(ast.parse(bytes), include_attributes=True)` or `ERR:` + the line
of the SyntaxError CPython raises. Usage: stdlib_reference.py [FILE...]
"""
import ast
import hashlib
import os
import sys
import sysconfig
import tokenize
from concurrent.futures import ProcessPoolExecutor


def stdlib_files():
    root = sysconfig.get_paths()["stdlib"]
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "site-packages")
        for f in sorted(files):
            if f.endswith(".py"):
                out.append(os.path.join(d, f))
    return root, out


def tokens_text(path):
    """Exactly what `python3 -m tokenize path` prints (stdout + stderr)."""
    lines = []
    err = ""
    try:
        with open(path, "rb") as f:
            for tok in tokenize.tokenize(f.readline):
                rng = "%d,%d-%d,%d:" % (tok.start + tok.end)
                lines.append("%-20s%-15s%-15r\n" % (rng, tokenize.tok_name[tok.type], tok.string))
    except IndentationError as e:
        line, col = e.args[1][1:3]
        err = "%s:%d:%d: error: %s\n" % (path, line, col, e.args[0])
    except tokenize.TokenError as e:
        line, col = e.args[1]
        err = "%s:%d:%d: error: %s\n" % (path, line, col, e.args[0])
    except SyntaxError as e:
        err = "%s: error: %s\n" % (path, e)
    return "".join(lines) + err


def one(args):
    root, path = args
    tok = hashlib.sha256(tokens_text(path).encode("utf-8", "surrogatepass")).hexdigest()
    with open(path, "rb") as f:
        src = f.read()
    try:
        tree = ast.parse(src)
        dump = ast.dump(tree, include_attributes=True)
        res = "AST:" + hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest()
    except SyntaxError as e:
        res = "ERR:%s" % e.lineno
    return "%s\t%s\t%s" % (os.path.relpath(path, root), tok, res)


def main():
    root, files = stdlib_files()
    if len(sys.argv) > 1:
        files = [os.path.join(root, f) for f in sys.argv[1:]]
    print("ROOT\t" + root)
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        for line in ex.map(one, [(root, f) for f in files], chunksize=8):
            print(line)


if __name__ == "__main__":
    sys.setrecursionlimit(100000)
    main()
