# os.pidfd_open: a descriptor that becomes readable when the process ends
# (asyncio's PidfdChildWatcher waits on it with the event loop).
import os
import select
import subprocess
import sys

p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2)"])
fd = os.pidfd_open(p.pid)
print(select.select([fd], [], [], 0)[0])
ready, _, _ = select.select([fd], [], [], 10)
print(ready == [fd], p.wait())
os.close(fd)
try:
    os.pidfd_open(os.getpid(), 12345)
except OSError as e:
    print(type(e).__name__, e.errno)
