def prefix_sums(xs):
    out = [0] * (len(xs) + 1)
    for i in range(len(xs)):
        out[i + 1] = out[i] + xs[i]
    return out
def bubble_passes(xs):
    xs = xs[:]
    n = len(xs)
    swaps = 0
    for i in range(n):
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swaps += 1
    return swaps, xs[:5]
def histogram(xs, buckets):
    h = [0] * buckets
    for x in xs:
        h[x % buckets] += 1
    return h
data = [(i * 37 + 11) % 101 for i in range(400)]
print(prefix_sums(data)[-1], bubble_passes(data), histogram(data, 7))
grid = [[(r * c) % 10 for c in range(30)] for r in range(30)]
total = 0
for r in range(1, 29):
    for c in range(1, 29):
        total += grid[r - 1][c] + grid[r + 1][c] - grid[r][c - 1] - grid[r][c + 1]
print(total, sum(map(sum, grid)))
