# open(): text and binary files, read/readline/readlines/iteration, write/writelines, append, with; OSError subclasses.
path = "/tmp/taipan_test_files_io.txt"
with open(path, "w") as f:
    n = f.write("first line\nsecond line\n")
    f.writelines(["third\n", "fourth"])
print(n, f.closed)
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(f.readline(), end="")
    print(f.readlines())
for i, line in enumerate(open(path)):
    print(i, line.rstrip())
with open(path, "a") as f:
    f.write("\nappended")
print(open(path).read().splitlines(), open(path).read(5))
with open(path, "rb") as f:
    data = f.read()
print(len(data), type(data).__name__)
with open(path, "wb") as f:
    f.write(b"bytes\n")
print(open(path).read() == "bytes\n")
try:
    open("/nonexistent/dir/x.txt")
except FileNotFoundError as e:
    print("FNF", e.errno, e.strerror, e.filename, str(e), isinstance(e, OSError))
try:
    f = open(path)
    f.close()
    f.read()
except ValueError as e:
    print(e)
open("/nonexistent/y.txt", "r")
