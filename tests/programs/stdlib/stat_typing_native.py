# The native _stat (file modes) and _typing (NewType's identity call).
import stat, _stat, os, typing
print(stat.filemode(0o100755), stat.filemode(0o40755), stat.filemode(0o104755), stat.filemode(0o41777), stat.filemode(0o20644), stat.filemode(0o1644), stat.filemode(0o2644))
print(stat.S_ISDIR(os.stat("/").st_mode), stat.S_ISREG(0o100644), stat.S_IMODE(0o104755), stat.S_IFMT(0o104755), stat.S_ISDOOR(0))
print(sorted(n for n in dir(_stat) if not n.startswith("__")) == sorted(n for n in dir(_stat) if not n.startswith("__")), len([n for n in dir(_stat) if n.isupper()]))
for bad in (-1, 2**40, "x"):
    try:
        stat.filemode(bad)
    except (OverflowError, TypeError) as e:
        print(type(e).__name__)
UserId = typing.NewType("UserId", int)
print(UserId(5), type(UserId(5)).__name__)
