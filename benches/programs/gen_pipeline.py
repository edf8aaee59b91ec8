# Generator pipeline: chained generator functions and expressions.
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(items):
    for x in items:
        if x % 2 == 0:
            yield x


def squares(items):
    for x in items:
        yield x * x


def run(n):
    total = 0
    for v in squares(evens(numbers(n))):
        total += v
    total += sum(x + 1 for x in numbers(n // 2) if x % 3)
    return total


print(run(400000))
