import heapq, bisect
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, h[0])
print([heapq.heappop(h) for _ in range(3)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data); print(data)
print(heapq.heappushpop(data, -1), heapq.heapreplace(data, 10), data)
print(heapq.nlargest(3, [4, 1, 7, 3, 9]), heapq.nsmallest(2, [4, 1, 7, 3, 9]), heapq.nlargest(2, ["aa", "b", "ccc"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])))
tasks = []
heapq.heappush(tasks, (2, "write")); heapq.heappush(tasks, (1, "plan")); heapq.heappush(tasks, (3, "test"))
while tasks:
    print(heapq.heappop(tasks))
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 0))
bisect.insort(a, 3); bisect.insort_left(a, 4); print(a)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]))
