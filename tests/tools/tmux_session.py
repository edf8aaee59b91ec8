"""Types a session at an interactive prompt in a real terminal (tmux) and
prints the screen it leaves, for the REPL test (tests/repl.rs) and for
making its expected screens from CPython (tests/tools/gen_repl_transcripts.py).

Usage: python3 tests/tools/tmux_session.py KEYS_FILE COMMAND...

Each line of KEYS_FILE is typed and followed by Enter; then the driver
waits until the screen changed and a prompt (`>>>` or `...`) is back.
Directives: `<C-c>` and `<C-d>` send those keys, `<nowait>LINE` types
LINE without waiting for a prompt (a statement that keeps running),
`<sleep S>` waits S seconds; `<Tab>` inside a line presses Tab there
(completion) and waits for the line to settle. The session runs with a
fresh HOME (the prompt's history file goes there). The command runs until it exits; the screen
ends with `EXIT=<status>`.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

WIDTH, HEIGHT = 100, 60


def main():
    keys_file, command = sys.argv[1], sys.argv[2:]
    socket = "taipan-repl-%d" % os.getpid()
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    session = "s"
    shell = "%s; echo EXIT=$?; sleep 60" % " ".join(shlex.quote(c) for c in command)
    home = tempfile.mkdtemp(prefix="repl-home-")
    env = dict(os.environ, TERM="xterm", PYTHONSTARTUP="", HOME=home)
    subprocess.run(
        tmux + ["new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), shell],
        check=True,
        env=env,
    )

    def screen():
        r = subprocess.run(tmux + ["capture-pane", "-t", session, "-p"], capture_output=True, text=True)
        return r.stdout

    def last_line(text):
        lines = [l for l in text.splitlines() if l.strip()]
        return lines[-1].rstrip() if lines else ""

    def wait(before, done, timeout=15.0):
        end = time.time() + timeout
        while time.time() < end:
            now = screen()
            if now != before and done(now):
                return
            time.sleep(0.05)

    def prompt(text):
        return last_line(text) in (">>>", "...") or "EXIT=" in text

    try:
        wait("", prompt)
        for line in open(keys_file).read().splitlines():
            before = screen()
            if line in ("<C-c>", "<C-d>"):
                subprocess.run(tmux + ["send-keys", "-t", session, line[1:-1]], check=True)
                wait(before, prompt)
            elif line.startswith("<sleep "):
                time.sleep(float(line[len("<sleep ") : -1]))
            elif line.startswith("<nowait>"):
                text = line[len("<nowait>") :]
                subprocess.run(tmux + ["send-keys", "-t", session, "-l", text], check=True)
                subprocess.run(tmux + ["send-keys", "-t", session, "Enter"], check=True)
            else:
                pieces = line.split("<Tab>")
                for k, piece in enumerate(pieces):
                    if piece:
                        subprocess.run(tmux + ["send-keys", "-t", session, "-l", piece], check=True)
                    if k < len(pieces) - 1:
                        typed = screen()
                        subprocess.run(tmux + ["send-keys", "-t", session, "Tab"], check=True)
                        wait(typed, lambda s: True, timeout=2.0)
                        time.sleep(0.3)
                subprocess.run(tmux + ["send-keys", "-t", session, "Enter"], check=True)
                wait(before, prompt)
        wait("", lambda s: "EXIT=" in s, timeout=20.0)
        text = screen()
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)
    print(text.rstrip("\n"))


if __name__ == "__main__":
    main()
