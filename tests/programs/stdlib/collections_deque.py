from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2], list(d), 3 in d, 9 in d)
print(d.pop(), d.popleft(), d)
d.extend([5, 6]); d.extendleft([-1, -2])
print(d, d.count(5), d.index(5))
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.reverse(); print(d)
d.remove(5); print(d)
d[0] = 100; del d[1]; print(d, list(reversed(d)))
d.insert(1, 42); print(d)
q = deque(maxlen=3)
for i in range(6):
    q.append(i)
print(q, q.maxlen)
q.appendleft(-1); print(q)
print(deque("abc") == deque("abc"), deque([1]) == [1], bool(deque()), deque())
try:
    deque().pop()
except IndexError as e:
    print("IndexError:", e)
try:
    deque().popleft()
except IndexError as e:
    print("IndexError:", e)
big = deque()
for i in range(1000):
    big.append(i)
    if i % 3 == 0:
        big.popleft()
total = 0
while big:
    total += big.pop() if len(big) % 2 else big.popleft()
print(total)
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, deque(range(3)).copy())
# BFS
graph = {1: [2, 3], 2: [4], 3: [4, 5], 4: [6], 5: [6], 6: []}
seen = {1}; order = []; work = deque([1])
while work:
    n = work.popleft(); order.append(n)
    for m in graph[n]:
        if m not in seen:
            seen.add(m); work.append(m)
print(order)
