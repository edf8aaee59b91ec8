class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


def total(points):
    s = 0
    for p in points:
        s = s + p.norm()
    return s


pts = [P(i, i + 1) for i in range(100)]
for _ in range(10):
    t = total(pts)
print(t, len(pts), type(t) is int)
