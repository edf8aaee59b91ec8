# signal: Python handlers run between instructions, SIGINT's default
# handler raises KeyboardInterrupt, the Signals enum, SIG_DFL.
import signal, os
# (The test runner may start programs with signals blocked.)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1, signal.SIGINT])
got = []
def h(signum, frame):
    got.append(signum)
old = signal.signal(signal.SIGUSR1, h)
print(old, signal.getsignal(signal.SIGINT) is signal.default_int_handler)
os.kill(os.getpid(), signal.SIGUSR1)
for i in range(1000): pass
print(got, signal.Signals.SIGUSR1, signal.SIGTERM.name)
signal.raise_signal(signal.SIGUSR1)
print(got)
try:
    signal.raise_signal(signal.SIGINT)
    for i in range(10): pass
except KeyboardInterrupt:
    print("KeyboardInterrupt")
print(signal.strsignal(signal.SIGTERM), signal.SIGALRM in signal.valid_signals())
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(signal.getsignal(signal.SIGUSR1))
import unittest
