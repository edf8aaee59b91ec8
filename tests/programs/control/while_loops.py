i = 0
total = 0
while i < 100:
    i += 1
    if i % 3 == 0:
        continue
    if i > 50:
        break
    total += i
print(i, total)
n = 10
while n > 0:
    n -= 3
else:
    print("done", n)
k = 0
while True:
    k += 1
    if k == 5:
        break
else:
    print("not printed")
print(k)
