a = None
print(a is None, a is not None)
x = [1]
y = x
print(x is y, x is not y)
