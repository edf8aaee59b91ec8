# Object-oriented code: small classes, method calls, properties,
# operator overloading and inheritance in a hot loop.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y


class Shape:
    def __init__(self, pos):
        self.pos = pos

    def area(self):
        return 0.0

    def moved(self, d):
        self.pos = self.pos + d
        return self


class Rect(Shape):
    def __init__(self, pos, w, h):
        super().__init__(pos)
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h


class Circle(Shape):
    def __init__(self, pos, r):
        super().__init__(pos)
        self.r = r

    @property
    def diameter(self):
        return 2 * self.r

    def area(self):
        return 3.14159 * self.r * self.r


def run(n):
    shapes = []
    for i in range(100):
        if i % 2:
            shapes.append(Rect(Vec(i, i), i % 7 + 1, i % 5 + 1))
        else:
            shapes.append(Circle(Vec(i, -i), i % 3 + 1))
    step = Vec(0.5, -0.25)
    total = 0.0
    for _ in range(n):
        for s in shapes:
            s.moved(step)
            total += s.area() + s.pos.dot(step)
    return total


print(round(run(600), 3))
