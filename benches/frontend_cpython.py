"""Times CPython's parser on the files named on stdin (one path per line):
compile(src, path, "exec", ast.PyCF_ONLY_AST) over all of them, best of N
rounds, sources read into memory first. Prints seconds."""
import ast
import sys
import time

paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
sources = [(p, open(p, "rb").read()) for p in paths]
best = None
for _ in range(rounds):
    t = time.perf_counter()
    for p, src in sources:
        try:
            compile(src, p, "exec", ast.PyCF_ONLY_AST)
        except SyntaxError:
            pass
    elapsed = time.perf_counter() - t
    best = elapsed if best is None else min(best, elapsed)
print("%.6f" % best)
