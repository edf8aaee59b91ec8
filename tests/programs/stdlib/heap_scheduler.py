import heapq
events = []
for t, name in [(5, "e"), (1, "a"), (3, "c"), (2, "b"), (4, "d"), (1, "a2")]:
    heapq.heappush(events, (t, name))
order = []
while events:
    order.append(heapq.heappop(events))
print(order)
def dijkstra(graph, src):
    dist = {src: 0}
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, float("inf")):
            continue
        for v, w in graph.get(u, []):
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist
g = {"s": [("a", 7), ("b", 2)], "b": [("a", 3), ("c", 8)], "a": [("c", 1)], "c": []}
print(sorted(dijkstra(g, "s").items()))
nums = [9, 1, 8, 2, 7, 3]
heapq.heapify(nums); print(nums, heapq.nsmallest(3, nums), heapq.nlargest(2, nums))
print(list(heapq.merge([1, 3, 5], [2, 4, 6], [0, 7])), heapq.heappushpop([1, 2], 0))
