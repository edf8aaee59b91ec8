def f(a, b=2, c=3):
    return a + b * 10 + c * 100
print(f(1), f(1, 5), f(1, 5, 7), f(1, c=9), f(a=4, b=0), f(c=1, b=1, a=1))
def g(x, y=[]):
    y.append(x)
    return y
print(g(1), g(2), g(3, []))
