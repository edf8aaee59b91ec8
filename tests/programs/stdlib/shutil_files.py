# shutil: copying files and trees, moving, removing, disk usage,
# archives and which().
import os
import shutil
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "src")
    os.makedirs(os.path.join(src, "inner"))
    with open(os.path.join(src, "a.txt"), "w") as f:
        f.write("alpha\n")
    with open(os.path.join(src, "inner", "b.txt"), "w") as f:
        f.write("beta\n" * 100)
    shutil.copy(os.path.join(src, "a.txt"), os.path.join(tmp, "copy.txt"))
    shutil.copy2(os.path.join(src, "a.txt"), os.path.join(tmp, "copy2.txt"))
    shutil.copytree(src, os.path.join(tmp, "tree"), ignore=shutil.ignore_patterns("b.*"))
    walk = sorted(os.path.relpath(os.path.join(d, n), tmp) for d, _, ns in os.walk(os.path.join(tmp, "tree")) for n in ns)
    print(walk, open(os.path.join(tmp, "copy.txt")).read().strip())
    shutil.move(os.path.join(tmp, "copy.txt"), os.path.join(tmp, "moved.txt"))
    print(sorted(os.listdir(tmp)))
    archive = shutil.make_archive(os.path.join(tmp, "arch"), "zip", src)
    out = os.path.join(tmp, "unpacked")
    shutil.unpack_archive(archive, out)
    print(os.path.basename(archive), sorted(os.listdir(out)), open(os.path.join(out, "inner", "b.txt")).read().count("beta"))
    shutil.rmtree(os.path.join(tmp, "tree"))
    print(os.path.exists(os.path.join(tmp, "tree")), shutil.disk_usage(tmp).total > 0)
    with open(os.path.join(tmp, "copy2.txt"), "rb") as a, open(os.path.join(tmp, "fo.txt"), "wb") as b:
        shutil.copyfileobj(a, b)
    print(os.path.getsize(os.path.join(tmp, "fo.txt")))
print(shutil.which("sh") is not None, shutil.which("no-such-program-here"), shutil.get_terminal_size((80, 24)).columns > 0)
formats = {name for name, _ in shutil.get_archive_formats()}
print("tar" in formats, "zip" in formats, "gztar" in formats)
