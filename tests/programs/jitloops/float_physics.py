import math
def simulate(steps, dt):
    x, v = 1.0, 0.0
    k, damping = 4.0, 0.1
    energy = []
    for i in range(steps):
        a = -k * x - damping * v
        v += a * dt
        x += v * dt
        if i % (steps // 5) == 0:
            energy.append(round(0.5 * v * v + 0.5 * k * x * x, 9))
    return round(x, 9), round(v, 9), energy
print(simulate(20000, 0.001))
def projectile(v0, angle_deg, g=9.81, dt=0.01):
    a = math.radians(angle_deg)
    vx, vy = v0 * math.cos(a), v0 * math.sin(a)
    x = y = t = 0.0
    peak = 0.0
    while y >= 0.0:
        x += vx * dt; y += vy * dt; vy -= g * dt; t += dt
        peak = max(peak, y)
    return round(x, 6), round(peak, 6), round(t, 2)
print([projectile(20, a) for a in (15, 45, 75)])
