# The standard streams' attributes and their byte-level buffers.
import sys

print(sys.stdout.encoding, sys.stderr.encoding, sys.stdout.name, sys.stderr.name)
print(sys.stdout.mode, sys.stdout.closed, sys.stdout.newlines, sys.stdout.writable())
print(sys.stdout.buffer.mode, sys.stdout.buffer.name, sys.stderr.buffer.name)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdout.buffer.fileno(), sys.stderr.buffer.fileno())

# Text and bytes reach the same descriptor; flushing keeps their order.
print("text", end=" ")
sys.stdout.flush()
sys.stdout.buffer.write(b"bytes\n")
sys.stdout.buffer.flush()
n = sys.stdout.buffer.write(bytearray(b"from a bytearray\n"))
sys.stdout.buffer.flush()
print(n)
n = sys.stdout.buffer.write(memoryview(b"from a memoryview\n"))
sys.stdout.buffer.flush()
print(n)

try:
    sys.stdout.buffer.write("a str")
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", file=sys.stdout.buffer)
except TypeError as e:
    print("TypeError:", e)
print(type(sys.stdout).__name__, sys.stdout.isatty() == sys.stdout.line_buffering)
