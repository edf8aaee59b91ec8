import math
from math import sqrt
t = (1, 2, (3, 4))
l = [t, "s", 2.5]
d = {"k": l, 1: None}
l[0] = d["k"][1:2]
a, b = t[0], t[1]
del d[1]
print(math.pi, sqrt(4), a is not b, a in l)
