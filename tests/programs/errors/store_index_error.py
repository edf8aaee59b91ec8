def fill(items, n):
    for i in range(n):
        items[i] = i * i
    return items
print(fill([0] * 5, 5))
print(fill([0] * 5, 7))
