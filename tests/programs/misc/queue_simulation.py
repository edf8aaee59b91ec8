from collections import deque
import random
random.seed(42)
queue = deque()
served, waits, clock = 0, [], 0
for minute in range(200):
    for _ in range(random.choice([0, 0, 1, 1, 2])):
        queue.append(minute)
    if queue and random.random() < 0.8:
        arrived = queue.popleft()
        waits.append(minute - arrived)
        served += 1
print(served, len(queue), max(waits), round(sum(waits) / len(waits), 4), sorted(set(waits))[:6])
