# What the adaptive interpreter learns from numeric and container code:
# `taipan --dis --adaptive` prints the specialised forms after the run.
import math

SCALE = 2.5


def mix(xs, table):
    total = 0
    acc = 0.0
    words = ""
    for i in range(len(xs)):
        a, b = xs[i]
        total = total + a * b - i
        acc = acc * 0.5 + b * SCALE
        if a < b:
            words = words + "<"
        if table["k"] == "v":
            total -= 1
        pair = (a, b)
        x, y = pair
        if acc > 1.0 and isinstance(x, int):
            xs[i] = [x, y]
    return total, acc, len(words), math.floor(acc)


def run():
    for _ in range(20):
        data = [(n, n + 1) for n in range(30)]
        r = mix(data, {"k": "v"})
    return r


print(run())


def other_ops(n):
    r = 0
    f = 1.0
    for i in range(1, n):
        r = (r + i * 7) % 1000 // 3
        f = f / 2 + i ** 0.5 / 1e3
    return r, round(f, 6)


print(other_ops(50))
