def combine(values):
    acc = 0
    for v in values:
        acc = acc + v
    return acc
print(combine([1, 2.5, 3]))
print(combine([1, 2, "three"]))
