n = 0
for i in range(10):
    if i % 2 == 0 and i > 2:
        continue
    n += i
while n > 0:
    n -= 7
    if n < 3:
        break
else:
    n = 99
print(n if n else -1)
