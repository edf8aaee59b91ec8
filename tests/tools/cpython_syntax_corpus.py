"""Extracts source snippets from CPython's own syntax-related tests (the
doctest examples of test_syntax, test_grammar, test_fstring, … and the
string constants they compile) and prints, for each, what `ast.parse` does
with it: `OK`, or `ERR <line> <message>`. Output records:

    <outcome>\\n<byte length>\\n<source bytes>\\n

Used by tests/cpython_syntax_corpus.rs.
"""
import ast
import doctest
import os
import sys
import sysconfig
import warnings

MODULES = [
    "test_syntax.py", "test_exceptions.py", "test_grammar.py", "test_fstring.py",
    "test_patma.py", "test_unparse.py", "test_positional_only_arg.py",
    "test_keywordonlyarg.py", "test_generators.py", "test_genexps.py",
    "test_named_expressions.py", "test_eof.py", "test_string_literals.py",
]


def snippets(test_dir):
    out = []
    for mod in MODULES:
        path = os.path.join(test_dir, mod)
        if not os.path.exists(path):
            continue
        src = open(path, encoding="utf-8").read()
        try:
            out.extend(e.source for e in doctest.DocTestParser().get_examples(src))
        except ValueError:
            pass
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                v = node.value
                if len(v) < 400 and ("\n" in v or any(k in v for k in ("def ", "=", "(", "lambda", 'f"', "f'"))):
                    out.append(v)
    return out


def main():
    warnings.simplefilter("ignore")
    test_dir = os.path.join(sysconfig.get_paths()["stdlib"], "test")
    w = sys.stdout.buffer
    seen = set()
    for s in snippets(test_dir):
        try:
            data = s.encode("utf-8")
        except UnicodeEncodeError:
            continue
        if data in seen:
            continue
        seen.add(data)
        try:
            ast.parse(s)
            outcome = "OK"
        except SyntaxError as e:
            outcome = "ERR %s %s" % (e.lineno, e.msg)
        except (ValueError, MemoryError, RecursionError):
            continue
        w.write(outcome.encode("utf-8", "replace") + b"\n" + str(len(data)).encode() + b"\n" + data + b"\n")


if __name__ == "__main__":
    main()
