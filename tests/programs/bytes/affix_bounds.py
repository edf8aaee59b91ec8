# bytes / bytearray startswith and endswith with start and end (asyncio's
# StreamReader.readline passes a start), tuples of prefixes, bounds.
for d in (b"hello", bytearray(b"hello")):
    print(d.startswith(b"ll", 2), d.startswith(b"he", 0, 1), d.endswith((b"x", b"lo"), 1, 5),
          d.startswith(b"", 5), d.startswith(b"", 6), d.endswith(b"", 7), d.endswith(b"o", -1),
          d.startswith(b"h", None, None), d.startswith(b"e", -4), d.endswith(b"l", 0, -1),
          d.startswith(b"", 3, 1), d.startswith(b"h", -100), d.startswith(b"h", 10**30))
try:
    b"x".startswith(b"x", 1, 2, 3)
except TypeError as e:
    print(e)
try:
    b"x".startswith("x")
except TypeError as e:
    print(e)
try:
    b"x".endswith((b"x", "y"))
except TypeError as e:
    print(e)
