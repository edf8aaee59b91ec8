from collections import defaultdict, deque
edges = [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "e"), ("f", "g")]
graph = defaultdict(list)
for u, v in edges:
    graph[u].append(v)
    graph[v].append(u)
def components(g):
    seen, comps = set(), []
    for start in sorted(g):
        if start in seen:
            continue
        comp, queue = [], deque([start])
        seen.add(start)
        while queue:
            n = queue.popleft(); comp.append(n)
            for m in sorted(g[n]):
                if m not in seen:
                    seen.add(m); queue.append(m)
        comps.append(comp)
    return comps
print(components(graph))
indeg = defaultdict(int)
for u, v in edges:
    indeg[v] += 1
print(sorted(indeg.items()), indeg["a"], dict(sorted(graph.items()))["d"])
tree = lambda: defaultdict(tree)
t = tree(); t["x"]["y"]["z"] = 1
print(t["x"]["y"]["z"], list(t), list(t["x"]))
