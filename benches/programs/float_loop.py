# Float arithmetic: a Mandelbrot escape-time count.
def mandel(size, limit):
    count = 0
    for py in range(size):
        y0 = py * 2.0 / size - 1.0
        for px in range(size):
            x0 = px * 3.0 / size - 2.0
            x = 0.0
            y = 0.0
            i = 0
            while i < limit and x * x + y * y <= 4.0:
                x, y = x * x - y * y + x0, 2.0 * x * y + y0
                i += 1
            count += i
    return count

print(mandel(300, 60))
