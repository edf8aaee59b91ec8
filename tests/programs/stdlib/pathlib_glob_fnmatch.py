# pathlib, glob and fnmatch over a directory tree made in a temporary
# directory (paths printed relative to it).
import fnmatch
import glob
import os
import pathlib
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    root = pathlib.Path(tmp)
    (root / "src" / "pkg").mkdir(parents=True)
    for name, text in [("src/a.py", "print(1)\n"), ("src/b.txt", "bee"), ("src/pkg/__init__.py", ""), ("src/pkg/c.py", "x = 3\n"), ("README.md", "# hi\n")]:
        (root / name).write_text(text)
    rel = lambda ps: sorted(str(pathlib.Path(p).relative_to(root)) for p in ps)
    print(rel(root.rglob("*.py")), rel(root.glob("src/*")), rel((root / "src").iterdir()))
    print(rel(glob.glob(os.path.join(tmp, "**", "*.py"), recursive=True)), rel(glob.iglob(os.path.join(tmp, "src", "[ab].*"))))
    p = root / "src" / "pkg" / "c.py"
    print(p.name, p.stem, p.suffix, p.parent.name, p.read_text(), p.exists(), p.is_file(), (root / "src").is_dir(), p.stat().st_size)
    q = p.with_suffix(".txt")
    p.rename(q)
    print(q.exists(), p.exists(), q.with_name("d.py").name, pathlib.PurePosixPath("/a/b/../c.tar.gz").suffixes)
    print(pathlib.PurePosixPath("a", "b", "c").parts, pathlib.PurePosixPath("/x/y").relative_to("/x"), pathlib.PurePosixPath("a/b").joinpath("c").as_posix())
    print(pathlib.PurePosixPath("x/y.py").match("*.py"), pathlib.PurePosixPath("/usr/lib") / "python3", pathlib.PurePosixPath("a.b.c").suffix)
    (root / "README.md").unlink()
    print(sorted(x.name for x in root.iterdir()))
print(fnmatch.fnmatch("foo.py", "*.py"), fnmatch.fnmatchcase("Foo.PY", "*.py"), fnmatch.filter(["a.c", "b.h", "c.c"], "*.c"), fnmatch.translate("a?[!b]*.txt"))
print(glob.escape("a[b]*?"), glob.has_magic("x*"), glob.has_magic("plain"))
