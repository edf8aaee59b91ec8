import os, os.path, stat
base = os.path.join("/tmp", "_taipan_os_test_%d" % os.getpid())
if os.path.exists(base):
    for n in os.listdir(base):
        os.remove(os.path.join(base, n))
    os.rmdir(base)
os.mkdir(base)
p = os.path.join(base, "f.txt")
fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.write(fd, b"hello\n"), os.close(fd))
st = os.stat(p)
print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_ISDIR(os.stat(base).st_mode), st[6], type(st.st_mtime).__name__, len(st))
fd = os.open(p, os.O_RDONLY)
print(os.read(fd, 3), os.lseek(fd, 0, os.SEEK_SET), os.read(fd, 100))
os.close(fd)
print(sorted(os.listdir(base)), [e.name for e in os.scandir(base)], [e.is_file() for e in os.scandir(base)])
os.rename(p, p + ".bak")
print(os.path.exists(p), os.path.isfile(p + ".bak"), os.path.getsize(p + ".bak"), os.path.splitext(p + ".bak")[1])
try:
    os.stat(p)
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, os.path.basename(e.filename))
os.remove(p + ".bak")
os.rmdir(base)
print(os.path.isdir(base), os.sep, os.name, os.curdir, type(os.environ).__name__, "PATH" in os.environ, os.getenv("NO_SUCH_VAR_X", "dflt"))
print(os.path.isabs(os.path.abspath(".")), os.path.normpath("a/./b/../c"), os.path.relpath("/a/b/c", "/a"), os.path.expanduser("~") != "~")
print(len(os.urandom(8)), os.fspath("x"), isinstance(os.getpid(), int), os.strerror(2))
