# List-heavy code: building, indexing and updating lists.
def run(n):
    data = []
    for i in range(n):
        data.append((i * 7919) % 1000)
    total = 0
    for rep in range(20):
        for i in range(1, n):
            data[i] = (data[i] + data[i - 1]) % 1000
        total += data[n - 1]
    return total

print(run(150000))
