def dot(n):
    s = 0.0
    for i in range(n):
        s += (i * 0.5) * (i % 7)
    return s
def collatz_steps(limit):
    best = (0, 0)
    for start in range(1, limit):
        n, steps = start, 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        if steps > best[1]:
            best = (start, steps)
    return best
def mandel(w, h, iters):
    rows = []
    for y in range(h):
        row = ""
        for x in range(w):
            cr, ci = -2.0 + 3.0 * x / w, -1.0 + 2.0 * y / h
            zr = zi = 0.0
            k = 0
            while k < iters and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
                k += 1
            row += "#" if k == iters else " .:-=+*%@"[k % 9]
        rows.append(row)
    return rows
print(dot(10000), collatz_steps(3000))
print("\n".join(mandel(40, 12, 30)))
def int_overflow(n):
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x % 1000000007, x.bit_length()
print(int_overflow(200))
