# A lazy pipeline: nothing runs until the consumer pulls values.
log = []


def source(n):
    for i in range(n):
        log.append("produce " + str(i))
        yield i


def doubled(items):
    for i in items:
        log.append("double " + str(i))
        yield i * 2


def take(items, k):
    out = []
    for i in items:
        if len(out) == k:
            break
        out.append(i)
    return out


p = doubled(source(10))
print(log)
print(take(p, 3))
print(log)
print(list(p))
total = sum(x for x in doubled(source(5)) if x > 2)
print(total, len(log))
evens = [x for x in (y * y for y in range(20)) if x % 2 == 0]
print(evens)
print(dict((k, k * k) for k in range(4)), tuple(c for c in "hey"))
print(sorted((x % 3, x) for x in range(7)))
print(any(x > 3 for x in range(5)) if False else max(x for x in range(5)))
