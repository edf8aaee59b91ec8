row = [1]
for n in range(12):
    print(row)
    new = [1]
    for i in range(len(row) - 1):
        new.append(row[i] + row[i + 1])
    new.append(1)
    row = new
