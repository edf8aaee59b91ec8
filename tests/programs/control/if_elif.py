def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for v in [-5, 0, 3, 10, 99]:
    print(v, classify(v))
x = 7
if x > 5 and x < 10:
    print("between")
if not x == 3 or x > 100:
    print("not three")
print("yes" if x % 2 else "no", "even" if x % 2 == 0 else "odd")
