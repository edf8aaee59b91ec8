"""subprocess on _posixsubprocess, select and the posix process functions:
run/Popen/check_output with pipes, input, errors, env, cwd, timeouts;
select.select/poll on a pipe; os.fork and waitpid."""
import subprocess, sys, os
r = subprocess.run(["echo", "hello", "world"], capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(r.stdout, r.stderr, r.returncode)
print(subprocess.check_output(["cat"], input=b"piped input\n"))
try:
    subprocess.check_call(["false"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError", e.returncode, e)
try:
    subprocess.run(["no-such-program-xyz"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, e.strerror, e.filename)
r = subprocess.run("echo $FOO; pwd", shell=True, capture_output=True, text=True, env={"FOO": "bar", "PATH": os.environ["PATH"]}, cwd="/")
print(r.stdout.split())
p = subprocess.Popen(["sh", "-c", "read x; echo got $x"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
out, _ = p.communicate("line\n")
print(out, p.returncode)
try:
    subprocess.run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", round(e.timeout, 1))
print(subprocess.getoutput("echo hi"), subprocess.getstatusoutput("exit 2"))
r = subprocess.run(["ls", "/nonexistent"], capture_output=True)
print(r.returncode != 0, bool(r.stderr))
try:
    subprocess.run(["echo"], cwd="/nonexistent-dir")
except FileNotFoundError as e:
    print("cwd", e.errno, e.filename)
import select
r, w = os.pipe()
print(select.select([r], [w], [], 0)[0:2] == ([], [w]))
os.write(w, b"x")
print(select.select([r], [], [], 1.0)[0] == [r])
p = select.poll(); p.register(r, select.POLLIN); print(p.poll(0) == [(r, select.POLLIN)])
os.register_at_fork(before=lambda: print("before fork"), after_in_parent=lambda: print("parent after fork"))
try:
    os.register_at_fork(before=5)
except TypeError as e:
    print("TypeError", e)
pid = os.fork()
if pid == 0:
    os._exit(7)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
import os
for s in (0, 256, 9, 0x137f, 0xffff):
    print(s, os.WIFEXITED(s), os.WEXITSTATUS(s), os.WIFSIGNALED(s), os.WTERMSIG(s), os.WIFSTOPPED(s), os.WSTOPSIG(s), os.WIFCONTINUED(s), os.WCOREDUMP(s))
