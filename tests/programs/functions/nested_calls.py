def double(x):
    return x * 2
def inc(x):
    return x + 1
def compose(x):
    return double(inc(double(x)))
print(compose(3), double(double(double(1))), inc(inc(inc(0))))
def apply(f, v):
    return f(v)
print(apply(double, 21), apply(len, "four"), apply(str, 3.5))
