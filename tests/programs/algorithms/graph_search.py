from collections import deque
grid = ["S.#.....",
        ".##.###.",
        "....#...",
        ".##...#E"]
rows, cols = len(grid), len(grid[0])
start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S")
end = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "E")
def bfs():
    prev = {start: None}
    q = deque([start])
    while q:
        cur = q.popleft()
        if cur == end:
            break
        r, c = cur
        for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in prev:
                prev[(nr, nc)] = cur
                q.append((nr, nc))
    path = []
    node = end
    while node is not None:
        path.append(node); node = prev[node]
    return path[::-1]
p = bfs()
print(len(p) - 1, p[:4])
canvas = [list(row) for row in grid]
for r, c in p[1:-1]:
    canvas[r][c] = "*"
print("\n".join("".join(row) for row in canvas))
def topo(deps):
    indeg = {n: 0 for n in deps}
    for n, ds in deps.items():
        for d in ds:
            indeg[n] += 1
    order = []
    ready = sorted(n for n, k in indeg.items() if k == 0)
    while ready:
        n = ready.pop(0); order.append(n)
        for m, ds in sorted(deps.items()):
            if n in ds:
                indeg[m] -= 1
                if indeg[m] == 0:
                    ready.append(m); ready.sort()
    return order
print(topo({"app": ["lib", "util"], "lib": ["core"], "util": ["core"], "core": [], "docs": []}))
