def add(a, b=2):
    return a + b

def walk(items):
    total = 0
    for it in items:
        total = add(total, b=it)
    return total

print(walk([1, 2, 3]), 1 < add(1) <= 5)
