"""int()'s ValueError quotes at most 200 characters of the argument's
repr (CPython's %.200R), for str and bytes, with and without a base;
float() quotes the whole string."""

for arg in ("x" * 300, b"y" * 250, "Hello" * 60, "é" * 201, "z" * 198):
    for base in (None, 16):
        try:
            int(arg) if base is None else int(arg, base)
        except ValueError as e:
            print(len(str(e)), str(e)[-12:])
try:
    float("w" * 250)
except ValueError as e:
    print(len(str(e)), str(e)[-5:])
