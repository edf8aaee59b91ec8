def bubble(a):
    n = len(a)
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a
print(bubble([5, 3, 8, 1, 9, 2, 7]))
print(bubble(["pear", "apple", "fig"]))
