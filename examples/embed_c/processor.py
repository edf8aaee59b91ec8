"""The Python side of the embedding examples (examples/embed_c/host.c,
examples/embed_rust/main.rs): a small image-processing "plugin" the
host imports and calls."""

import hostlib


def add(a, b):
    return a + b


def mean(values):
    return sum(values) / len(values)


def greet(name):
    return f"hello, {name}!"


def word_counts(text):
    counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts


def stats(pixels):
    values = list(pixels.values())
    return (min(values), max(values), sorted(pixels))


def brighten(pixels, amount):
    return [min(255, p + amount) for p in pixels]


def divide(a, b):
    return a / b


def use_host(values):
    hostlib.log(f"scaling {len(values)} values")
    scaled = [hostlib.scale(v, 2.5) for v in values]
    try:
        hostlib.fail("bad pixel")
    except ValueError as e:
        hostlib.log(f"host raised: {e}")
    return scaled


def checksum(n):
    """Real work: a numeric loop (the JIT's case)."""
    total = 0
    for i in range(n):
        total = (total * 31 + i * i) % 1000003
    return total
