def step(cells):
    counts = {}
    for (r, c) in cells:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    k = (r + dr, c + dc)
                    counts[k] = counts.get(k, 0) + 1
    return {k for k, n in counts.items() if n == 3 or (n == 2 and k in cells)}
def show(cells, h, w):
    return "\n".join("".join("#" if (r, c) in cells else "." for c in range(w)) for r in range(h))
glider = {(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
g = glider
for i in range(4):
    g = step(g)
print(show(g, 5, 5))
print(sorted(g) == sorted((r + 1, c + 1) for r, c in glider))
blinker = {(1, 0), (1, 1), (1, 2)}
print(sorted(step(blinker)), step(step(blinker)) == blinker)
import random
random.seed(7)
soup = {(r, c) for r in range(12) for c in range(12) if random.random() < 0.35}
sizes = []
for _ in range(30):
    soup = step(soup); sizes.append(len(soup))
print(sizes)
