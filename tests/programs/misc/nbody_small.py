bodies = [[0.0, 0.0, 0.0, 0.0, 10.0], [1.0, 0.0, 0.0, 1.0, 0.01], [-2.0, 0.0, 0.0, -0.7, 0.02]]
def step(dt):
    n = len(bodies)
    for i in range(n):
        bi = bodies[i]
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            d2 = dx * dx + dy * dy
            mag = dt / (d2 * d2 ** 0.5)
            bi[2] -= dx * bj[4] * mag
            bi[3] -= dy * bj[4] * mag
            bj[2] += dx * bi[4] * mag
            bj[3] += dy * bi[4] * mag
    for b in bodies:
        b[0] += dt * b[2]
        b[1] += dt * b[3]
for k in range(200):
    step(0.01)
for b in bodies:
    print(round(b[0], 6), round(b[1], 6))
