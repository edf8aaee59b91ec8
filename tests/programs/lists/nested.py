grid = []
for i in range(3):
    row = []
    for j in range(4):
        row.append(i * j)
    grid.append(row)
print(grid)
grid[1][2] = 100
print(grid[1], grid[2][3])
total = 0
for row in grid:
    for v in row:
        total += v
print(total)
