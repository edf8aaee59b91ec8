# compile()/exec() of bytes decode them as files are decoded (PEP 263
# cookie, else strict UTF-8); a str source is already text, so a cookie in
# it is only a comment; null bytes are a SyntaxError (found by
# tools/fuzz.py compile).
for src in [b'x = "\xc3\xa9"\n', b'x = 1\n\xff\n', b'x = "\xc3"\n', b'x = 1\0', 'x = 1\0',
            b'# -*- coding: latin-1 -*-\nx = "\xe9"\n', bytearray(b'y = 2\n')]:
    try:
        ns = {}
        exec(compile(src, "f", "exec"), ns)
        print(ascii(src), "ok", ascii(ns.get("x", ns.get("y"))))
    except SyntaxError as e:
        print(ascii(src), type(e).__name__, e.lineno, e.msg[:40])
exec('# -*- coding: latin-1 -*-\nx = "\u00e9"\nprint(ascii(x))')
exec(b'# -*- coding: latin-1 -*-\nx = "\xe9"\nprint(ascii(x))')
print(eval(b"6 * 7"))
