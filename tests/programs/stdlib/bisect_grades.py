import bisect
scores = [33, 99, 77, 70, 89, 90, 100, 59, 60]
def grade(s, breakpoints=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, s)]
print([grade(s) for s in scores])
data = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(data, x)
print(data, bisect.bisect_left(data, 5), bisect.bisect_right(data, 5), bisect.bisect_left(data, 10))
def count_range(a, lo, hi):
    return bisect.bisect_right(a, hi) - bisect.bisect_left(a, lo)
print(count_range(data, 2, 5), count_range(data, 7, 8), count_range(data, 0, 100))
people = sorted([("ann", 31), ("bob", 25), ("cy", 40)], key=lambda p: p[1])
ages = [p[1] for p in people]
print(people[bisect.bisect_left(ages, 30)], bisect.bisect(people, 35, key=lambda p: p[1]))
