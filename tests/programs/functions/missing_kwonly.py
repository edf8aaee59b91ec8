def f(a, *, k, j):
    return a
f(1)
