def bubble(a):
    a = list(a)
    for i in range(len(a)):
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
    return a
def merge_sort(a):
    if len(a) <= 1:
        return list(a)
    mid = len(a) // 2
    l, r = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []; i = j = 0
    while i < len(l) and j < len(r):
        if l[i] <= r[j]:
            out.append(l[i]); i += 1
        else:
            out.append(r[j]); j += 1
    return out + l[i:] + r[j:]
def quick(a):
    if len(a) <= 1:
        return a
    p = a[len(a) // 2]
    return quick([x for x in a if x < p]) + [x for x in a if x == p] + quick([x for x in a if x > p])
def heap_sort(a):
    import heapq
    h = list(a); heapq.heapify(h)
    return [heapq.heappop(h) for _ in range(len(h))]
data = [(i * 7919 + 13) % 1000 for i in range(300)]
ref = sorted(data)
print(all(f(data) == ref for f in (bubble, merge_sort, quick, heap_sort)), ref[:5], ref[-5:])
words = "pear Apple fig banana apple Cherry".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w), reverse=True))
recs = [("b", 2), ("a", 2), ("c", 1), ("a", 1)]
print(sorted(recs, key=lambda r: r[1]), sorted(recs), sorted(recs, key=lambda r: r[0], reverse=True))
