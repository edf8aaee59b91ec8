# subprocess's pass_fds (and multiprocessing's spawnv_passfds): the
# descriptors passed survive the exec although os.pipe() makes them
# close-on-exec; others are closed.
import os
import subprocess
import sys

r, w = os.pipe()
r2, w2 = os.pipe()
print(os.get_inheritable(w), os.get_inheritable(w2))
code = (
    "import os, sys\n"
    f"os.write({w}, b'through the passed pipe')\n"
    f"try:\n    os.write({w2}, b'x')\nexcept OSError as e:\n    print('not passed:', e.errno)\n"
)
p = subprocess.Popen([sys.executable, "-c", code], pass_fds=[w])
p.wait()
os.close(w)
os.close(w2)
print(os.read(r, 100), p.returncode)
print(os.get_inheritable(r))
