from collections import defaultdict, Counter, OrderedDict
log = """GET /index 200
POST /api 500
GET /index 200
GET /about 404
POST /api 200
GET /index 304"""
by_path = defaultdict(Counter)
status_paths = defaultdict(set)
for line in log.splitlines():
    method, path, status = line.split()
    by_path[path][status] += 1
    status_paths[status].add(path)
for path in sorted(by_path):
    print(path, dict(sorted(by_path[path].items())), by_path[path].most_common(1))
print({s: sorted(p) for s, p in sorted(status_paths.items())})
total = sum(by_path.values(), Counter())
print(sorted(total.items()), total.total(), isinstance(by_path, dict), type(by_path).__name__)
ordered = OrderedDict(sorted(total.items(), key=lambda kv: -kv[1]))
print(list(ordered), ordered.popitem(last=False))
class Tally(Counter):
    def top(self):
        return self.most_common(1)[0][0]
t = Tally("abracadabra")
print(t.top(), t["a"], type(t + t).__name__, isinstance(t, dict))
