def find(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            print("found at", i)
            break
    else:
        print("not found")
find([1, 2, 3], 2); find([1, 2, 3], 9)
n = 0
while n < 3:
    n += 1
else:
    print("while finished", n)
while True:
    n -= 1
    if n == 0:
        break
else:
    print("never")
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if (i + j) % 2:
            continue
        print(i, j, end=" | ")
print()
total = 0
for i in range(100):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
i = 10
while i:
    i //= 2
    print(i, end=" ")
print()
for x in []:
    pass
else:
    print("empty loop else")
