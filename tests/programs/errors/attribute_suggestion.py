import math
items = [3, 1, 2]
items.append(4)
print(items, math.sqrt(items[0]))
print(math.sqr(4))
