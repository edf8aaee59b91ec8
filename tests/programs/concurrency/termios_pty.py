"""termios on a pseudo-terminal (os.openpty): attributes read and set
back, tty.setraw, window sizes, flush/drain, termios.error (asyncio's
pty transports and the test suites' `import tty` need the module)."""

import os
import pty
import termios
import tty

print(termios.error.__module__, issubclass(termios.error, Exception))
null = os.open("/dev/null", os.O_RDONLY)
try:
    termios.tcgetattr(null)
except termios.error as e:
    print("error:", e.args[0], e.args[1])
os.close(null)

master, slave = pty.openpty()
print("inheritable:", os.get_inheritable(master), os.get_inheritable(slave))
print("isatty:", os.isatty(slave), os.ttyname(slave).startswith("/dev/pts/"))
attrs = termios.tcgetattr(slave)
print(len(attrs), len(attrs[6]) == termios.NCCS, type(attrs[6][0]).__name__)
tty.setraw(slave)
raw = termios.tcgetattr(slave)
print("raw:", raw[3] & termios.ICANON, raw[6][termios.VMIN], raw[6][termios.VTIME])
termios.tcsetattr(slave, termios.TCSANOW, attrs)
print("restored:", termios.tcgetattr(slave) == attrs)
try:
    termios.tcsetattr(slave, termios.TCSANOW, attrs[:6])
except TypeError as e:
    print("TypeError:", e)
termios.tcsetwinsize(slave, (24, 80))
print(termios.tcgetwinsize(slave))
termios.tcflush(slave, termios.TCIOFLUSH)
termios.tcdrain(slave)
os.write(slave, b"hi\n")
print(os.read(master, 10))
os.close(master)
os.close(slave)
