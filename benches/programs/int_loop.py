# Integer arithmetic in a tight loop.
def work(n):
    acc = 0
    i = 0
    while i < n:
        acc = (acc + i * i) % 1000003
        i += 1
    return acc

print(work(6000000))
