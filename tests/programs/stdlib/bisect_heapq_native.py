# The native _bisect and _heapq: the same results and comparisons as
# CPython's C modules, key= functions, errors.
import _bisect, _heapq, bisect, heapq
print(bisect.bisect_left is _bisect.bisect_left, heapq.heappush is _heapq.heappush)
a = [1, 2, 2, 2, 5, 8]
print([bisect.bisect_left(a, x) for x in range(10)], [bisect.bisect_right(a, x) for x in range(10)])
print(bisect.bisect(a, 2, 2, 4), bisect.bisect_left(a, 2, lo=3), bisect.bisect_right(a, 9, hi=3))
words = ['a', 'bb', 'ccc', 'dddd']
print(bisect.bisect_left(words, 3, key=len), bisect.bisect_right(words, 2, key=len))
bisect.insort(words, 'xy', key=len); bisect.insort_left(a, 2); print(words, a)
class Seq(list):
    def insert(self, i, x):
        print('insert', i, x); super().insert(i, x)
s = Seq([1, 3]); bisect.insort_right(s, 2); print(s)
for bad in [lambda: bisect.bisect(a, 1, -1), lambda: bisect.bisect(None, 1), lambda: heapq.heappush((), 1), lambda: heapq.heappop([])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(3)], h)
print(heapq.heapreplace(h, 0), heapq.heappushpop(h, 10), heapq.heappushpop(h, -1), h)
data = [9, 4, 7, 1, 8, 2]
heapq.heapify(data); print(data)
heapq._heapify_max(data); print(data, heapq._heappop_max(data), heapq._heapreplace_max(data, 0), data)
print(heapq.nsmallest(3, [5, 2, 8, 1]), heapq.nlargest(2, 'hello'), list(heapq.merge([1, 4], [2, 3])))
class Evil:
    def __lt__(self, other):
        h.clear(); return False
h = [Evil(), Evil()]
try:
    heapq.heappush(h, Evil())
except RuntimeError as e:
    print('RuntimeError', e)
