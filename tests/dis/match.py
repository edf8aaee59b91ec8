def describe(v):
    match v:
        case 0 | 1 as small:
            return small
        case [x, y, *rest] if x == y:
            return rest
        case [x, *_, z]:
            return z
        case {"k": v1, **others}:
            return others
        case Point(0, y=yy):
            return yy
        case (a, b) | [b, a, _]:
            return a
        case _:
            return "other"
