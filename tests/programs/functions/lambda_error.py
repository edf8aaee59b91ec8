f = lambda x: 1 / x
print(f(2))
f(0)
