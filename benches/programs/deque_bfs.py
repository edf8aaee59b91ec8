"""Library-container benchmark: a work queue on collections.deque
(append/popleft with len()), a breadth-first search over a grid graph,
grouping with defaultdict(list) and counting with Counter — the native
types of the standard library, called as methods in hot loops."""

from collections import Counter, defaultdict, deque


def queue_churn(n):
    q = deque()
    total = 0
    for i in range(n):
        q.append(i)
        q.append(i + 1)
        total += q.popleft()
        if len(q) > 100:
            q.clear()
    return total + len(q)


def bfs(width, height):
    dist = {(0, 0): 0}
    q = deque([(0, 0)])
    while q:
        x, y = q.popleft()
        d = dist[(x, y)] + 1
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nx < width and 0 <= ny < height and (nx * 7 + ny * 3) % 11 != 0:
                if (nx, ny) not in dist:
                    dist[(nx, ny)] = d
                    q.append((nx, ny))
    return max(dist.values()), len(dist)


def grouping(n):
    groups = defaultdict(list)
    for i in range(n):
        groups[i % 97].append(i)
    counts = Counter(i % 13 for i in range(n))
    return sum(len(v) for v in groups.values()), counts.most_common(3)


def main():
    print(queue_churn(300000))
    print(bfs(200, 200))
    print(grouping(100000))


main()
