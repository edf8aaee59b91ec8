records = [("ann", "eng", 3), ("bob", "ops", 1), ("cy", "eng", 1), ("di", "ops", 3), ("ed", "eng", 2)]
by_level = sorted(records, key=lambda r: r[2])
by_dept_then_level = sorted(by_level, key=lambda r: r[1])
print(by_dept_then_level)
print(sorted(records, key=lambda r: (r[1], -r[2], r[0])))
print(sorted(records, key=lambda r: r[2], reverse=True))
words = ["Banana", "apple", "cherry", "Apple", "banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=lambda w: (w.lower(), w)))
nums = [3.0, 1, 2.5, True, -1, 0]
print(sorted(nums), sorted(nums, key=abs), min(nums), max(nums), sorted([[2, 1], [1, 2], [1]]))
from functools import cmp_to_key
def cmp(a, b):
    return (a % 3 - b % 3) or (b - a)
print(sorted(range(10), key=cmp_to_key(cmp)))
