def fact(n):
    r = 1
    i = 2
    while i <= n:
        r *= i
        i += 1
    return r
for n in [0, 1, 5, 20, 21, 25, 50, 100]:
    print(n, fact(n))
print(fact(100) // fact(98))
print(len(str(fact(300))))
