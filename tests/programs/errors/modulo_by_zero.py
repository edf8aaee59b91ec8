values = [3, 0]
print(10 % values[1])
