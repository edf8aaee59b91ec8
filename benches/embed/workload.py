"""What benches/embed/bench_host.c calls: a small function (the cost of a
call from C) and a numeric loop (the cost of real work)."""


def tiny(x):
    return x + 1


def checksum(n):
    total = 0
    for i in range(n):
        total = (total * 31 + i * i) % 1000003
    return total
