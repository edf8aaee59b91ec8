# Every number form and string prefix the lexical grammar allows.
ints = [0, 00, 0_0, 7, 1_000_000, 0x_FF, 0XdeadBEEF, 0o17, 0O7_7, 0b1010, 0B_1, 2**100, 0xFFFFFFFFFFFFFFFFFFFF]
floats = [1., .5, 1.5, 1e10, 1E-10, 1.5e+3, 1_0.0_1, 0e0, 1e500, 3.14j, 10J, 1e3j, .5j, 0j]
strs = ['a', "b", '''c''', """d""", r'\n', R"\t", u'u', U"U", b'b', B"B", br'\x', rb"\y", Rb'z', bR"w", f'{1}', F"{2}", rf'{3}\n', fR"{4}", Rf'x']
escapes = "\a\b\f\n\r\t\v\\\'\"\x41\101\u00e9\U0001F600\N{BULLET}\q"
surrogate = "\ud800\udfff"
bytes_escapes = b"\x00\xff\101\n\\\q"
joined = "one" 'two' """three""" u"four"
mixed = ('a'
         f'{joined!r:>{10}}'
         "c")
continued = 'line one \
line two'
triple = """first
second \
third"""
