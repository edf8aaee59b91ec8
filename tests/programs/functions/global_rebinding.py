counter = 1
def read():
    return counter
def use_len(x):
    return len(x)
results = []
for i in range(5):
    results.append(read())
    counter = counter * 10
print(results)
print(use_len([1, 2, 3]))
def len(x):
    return -1
print(use_len([1, 2, 3]))
del len
print(use_len([1, 2]))
def show():
    return value
value = "first"
print(show())
value = "second"
print(show())
del value
print(show())
