r = range(10)
print(r, len(r), r[3], r[-1], 5 in r, 10 in r, range(0, 10, 3)[2])
print(list(range(5)), list(range(3, 8)), list(range(10, 0, -3)), list(range(0)))
print(range(1, 10, 2)[1:3], len(range(0, -10, -3)), sum(range(101)))
