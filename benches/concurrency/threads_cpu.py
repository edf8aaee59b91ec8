"""N threads each run the same CPU-bound loop (argument: N). Under a
global interpreter lock the total time should be about N times one
loop's: the lock costs little and nothing runs in parallel."""

import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 4
LOOPS = 6_000_000
results = [0] * N


def work(i):
    total = 0
    for k in range(LOOPS):
        total += k * k % 7
    results[i] = total


threads = [threading.Thread(target=work, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(N, sum(results))
