parts = []
for i in range(10):
    parts.append(str(i * i))
print(",".join(parts))
s = ""
for w in ["alpha", "beta", "gamma"]:
    s = s + w[0].join(["[", "]"])
print(s)
print(str(123)[::-1], int(str(123)[::-1]) + 1)
