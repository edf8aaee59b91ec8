counter = 0
def bump():
    global counter
    counter += 1
    return counter
def read():
    return counter * 10
bump()
bump()
print(counter, read())
def shadow():
    counter = 99
    return counter
print(shadow(), counter)
