import math, random, sys, time
from collections import namedtuple, deque
from functools import reduce, partial
from itertools import count, islice
import heapq as hq
print(math.floor(math.pi * 100) / 100, sys.version_info[0], type(time.time()).__name__, callable(time.perf_counter))
random.seed(1)
print([random.randint(1, 6) for _ in range(5)], random.choice("abc"), round(random.random(), 6))
P = namedtuple("P", "a b")
print(P(1, 2), deque([1, 2], maxlen=1), reduce(lambda a, b: a * b, [1, 2, 3, 4]), partial(pow, 2)(8))
print(list(islice(count(5, 5), 3)), hq.nsmallest(2, [5, 1, 3]), __name__, math.__name__, hq.__name__)
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
try:
    from math import no_such_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
