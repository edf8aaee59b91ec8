# Which error compile() reports when source has several: CPython's parser
# meets an undecodable token only if it reads that far; after a grammar
# rule's error it tokenizes the rest of the source, where an error the
# tokenizer raises itself (or an undecodable name: a bare
# UnicodeDecodeError) takes its place, and an unclosed bracket from an
# earlier line too. (Found by tools/fuzz.py compile.)
CASES = [
    b'x = 1\nprint(\x8c)\n',
    b'x = 1\nprint(a\x8c)\n',
    b'print(1 2)\ny = a\x8c\n',
    b'x = 1\ny = "\x8c"\n',
    b'x = 1 +\ny = a\x8c\n',
    b'x = `\ny = a\x8c\n',
    b'x =  1\n# \x8c\n',
    b'x = a\x8cb\n',
    b'x = (\x8c\n',
    b'1 = 2\nx = "abc\n',
    b'1 = 2\ny = a\x8c\n',
    b'f(**x, *y)\nz = 0o8\n',
    b'1 = 2\nz = $\n',
    b'x = (1,\n1 = 2\n',
    b'if x:\npass\ny = a\x8c\n',
    b'print(1 2)\n\x8c\n',
    b'y = a\x8c\nprint(1 2)\n',
    b'x = 1 +\ny = "\x8c"\n',
    b'  x = 1\ny = a\x8c\n',
    b'def f(:\n    pass\nz = b\x8c\n',
]
for src in CASES:
    try:
        compile(src, "<case>", "exec")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, type(e).__name__, e.lineno, e.msg)
    except UnicodeDecodeError as e:
        print(src, "UnicodeDecodeError", e.encoding, e.object, e.start, e.end, e.reason)
