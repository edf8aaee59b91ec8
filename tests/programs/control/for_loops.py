for i in range(5):
    print(i, end=" ")
print()
for i in range(2, 10, 3):
    print(i, end=",")
print()
for i in range(10, 0, -2):
    print(i, end=" ")
print()
for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("no break")
for x in (1, 2, 3):
    if x == 2:
        break
else:
    print("not printed")
print(x)
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        print(i, j)
