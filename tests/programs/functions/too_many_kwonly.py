def f(a, *, k):
    return a
f(1, 2, k=3)
