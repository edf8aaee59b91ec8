import math


def f(o, s, items):
    o.m(1)
    o.m(1, key=2)
    s.upper().strip()
    items.append(math.sqrt(4))
    o.m(*items)
    return o.attr(o.x)
