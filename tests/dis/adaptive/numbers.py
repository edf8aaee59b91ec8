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
