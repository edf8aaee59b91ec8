def matmul(a, b):
    n = len(a)
    m = len(b[0])
    k = len(b)
    c = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0
            for t in range(k):
                s += a[i][t] * b[t][j]
            row.append(s)
        c.append(row)
    return c
a = [[1, 2], [3, 4], [5, 6]]
b = [[7, 8, 9], [10, 11, 12]]
print(matmul(a, b))
ident = [[1.0, 0.0], [0.0, 1.0]]
print(matmul(ident, [[2.5, 1.5], [0.5, 3.0]]))
