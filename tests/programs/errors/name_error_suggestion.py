def total(values):
    result = 0
    for value in values:
        result = result + valeu
    return result
counter = 3
print(countr if False else counter)
print(total([1, 2]))
