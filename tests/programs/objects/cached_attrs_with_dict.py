# Inline-cached attribute loads and stores on instances whose attributes
# move between shapes and a materialised __dict__, with __slots__ beside a
# __dict__: every read must see the current value.


class S:
    __slots__ = ("a", "b", "__dict__")

    def __init__(self, a, b):
        self.a = a
        self.b = b


class P:
    def __init__(self, x):
        self.x = x
        self.y = x + 1


def read_slots(objs):
    return [(o.a, o.b) for o in objs]


def write_slots(objs, v):
    for o in objs:
        o.a = v
        o.b = v * 2


def read_xy(objs):
    out = []
    for o in objs:
        out.append(o.x + o.y)
    return out


def write_x(objs, v):
    for o in objs:
        o.x = v


s = [S(i, -i) for i in range(4)]
for _ in range(3):
    print(read_slots(s))
s[1].__dict__["extra"] = 5  # the dict materialised beside the slots
print(read_slots(s), s[1].extra)
write_slots(s, 7)
print(read_slots(s), s[1].__dict__)
s[2].__dict__ = {"z": 1}
write_slots(s, 8)
print(read_slots(s), s[2].z)
del s[3].a
try:
    read_slots(s)
except AttributeError as e:
    print("AttributeError:", e)
s[3].a = 9
print(read_slots(s))

p = [P(i) for i in range(4)]
for _ in range(3):
    print(read_xy(p))
vars(p[0])  # materialise one instance's dict
p[0].__dict__["x"] = 100
print(read_xy(p))
write_x(p, 3)
print(read_xy(p), p[0].__dict__)
del p[1].y
try:
    read_xy(p)
except AttributeError as e:
    print("AttributeError:", e)
p[1].y = -1
p[2].w = 0  # another shape
print(read_xy(p))
for _ in range(3):
    write_x(p, 4)
    print(read_xy(p))
