# Sending a value to a generator that has not started is a TypeError.
def g():
    x = yield 1
    yield x

it = g()
print(next(it), it.send("hello"))
fresh = g()
fresh.send(5)
