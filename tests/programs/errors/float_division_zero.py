def f(x):
    return 1.5 / x
f(0.0)
