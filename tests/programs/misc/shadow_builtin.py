def len(x):
    return 42
print(len([1, 2]))
max = 3
print(max)
