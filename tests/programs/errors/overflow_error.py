big = 10 ** 400
print(float(big))
