def read_numbers(n):
    for i in range(n):
        yield (i * 7919) % 101
def only_even(it):
    for x in it:
        if x % 2 == 0:
            yield x
def running_total(it):
    total = 0
    for x in it:
        total += x
        yield total
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
print(list(take(8, running_total(only_even(read_numbers(100))))))
gen = (x * x for x in range(10) if x % 3)
print(next(gen), next(gen), list(gen), list(gen))
def chunks(seq, k):
    for i in range(0, len(seq), k):
        yield seq[i:i + k]
print(list(chunks("abcdefgh", 3)), sum(len(c) for c in chunks(list(range(10)), 4)))
def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])), max(flatten([[1, 9], [3]])))
