class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def describe(v):
    match v:
        case 0 | 1 as small:
            return f"small {small}"
        case None:
            return "none"
        case True:
            return "true"
        case [x, y, *rest] if x == y:
            return f"pair-start {x} {rest}"
        case [x, *_, z]:
            return f"ends {x} {z}"
        case (1, 2):
            return "one-two"
        case []:
            return "empty"
        case {"k": v1, "j": [a, b], **others}:
            return f"map {v1} {a} {b} {others}"
        case {}:
            return "some mapping"
        case Point(0, y=yy):
            return f"on y axis {yy}"
        case Point(x, y) if x == y:
            return f"diag {x}"
        case Point(x=px):
            return f"point {px}"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s:
            return f"str {s!r}"
        case [(a, b) | [a, b, _], *_]:
            return f"nested {a} {b}"
        case _:
            return "other"

for v in [0, 1, None, True, [3, 3, 4, 5], [1, 2, 3], (1, 2), [], {"k": 1, "j": [2, 3], "z": 9},
          {"q": 1}, Point(0, 5), Point(2, 2), Point(1, 3), 42, 2.5, "hi", [(7, 8)], [[7, 8, 9], 1], object, [1]]:
    print(describe(v))

def f(cmd):
    match cmd.split():
        case [action]:
            print("single", action)
        case [action, obj]:
            print("two", action, obj)
        case ["go", *directions] if directions:
            print("go", directions)
        case _:
            print("?")
f("look"); f("get sword"); f("go north east"); f("")
match 5:
    case x:
        print("captured", x)
print(x)
