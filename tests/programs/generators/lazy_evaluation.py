calls = []
def noisy(x):
    calls.append(x)
    return x * 2
gen = (noisy(x) for x in range(5))
print(calls)
print(next(gen), calls)
print(any(noisy(x) > 4 for x in range(10)), calls)
calls.clear()
print(all(noisy(x) < 4 for x in range(10)), calls)
m = map(noisy, [1, 2, 3]); calls.clear()
print(calls, list(m), calls)
z = zip(range(3), (noisy(x) for x in range(100)))
calls.clear(); print(list(z), calls)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
first = []
for n in fib():
    if n > 100:
        break
    first.append(n)
print(first)
f = fib()
print([next(f) for _ in range(5)], next(filter(lambda x: x > 1000, fib())))
