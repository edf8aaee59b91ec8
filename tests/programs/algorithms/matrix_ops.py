def matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
def transpose(m):
    return [list(r) for r in zip(*m)]
def identity(n):
    return [[int(i == j) for j in range(n)] for i in range(n)]
def det(m):
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** j * m[0][j] * det([row[:j] + row[j + 1:] for row in m[1:]]) for j in range(len(m)))
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b), transpose([[1, 2, 3], [4, 5, 6]]), matmul(a, identity(2)) == a, det(a), det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]))
def mat_pow(m, n):
    result = identity(len(m))
    while n:
        if n & 1:
            result = matmul(result, m)
        m = matmul(m, m)
        n >>= 1
    return result
print(mat_pow([[1, 1], [1, 0]], 90)[0][1])
def gauss(m, v):
    n = len(m)
    aug = [row[:] + [x] for row, x in zip(m, v)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(aug[r][i]))
        aug[i], aug[p] = aug[p], aug[i]
        for r in range(n):
            if r != i:
                f = aug[r][i] / aug[i][i]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[i])]
    return [round(aug[i][n] / aug[i][i], 10) for i in range(n)]
print(gauss([[2, 1, -1], [-3, -1, 2], [-2, 1, 2]], [8, -11, -3]))
