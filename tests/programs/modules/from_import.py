from math import sqrt, pi as PI
import math as m
print(sqrt(81), PI, m.floor(2.5))
