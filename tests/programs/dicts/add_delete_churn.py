# A dict used as a queue: every key added is deleted again, with distinct
# keys for ever (concurrent.futures' pending work items). Deleted entries'
# index slots must be reclaimed, or lookups stop terminating.
pending = {}
done = 0
for work_id in range(200_000):
    pending[work_id * 7919] = work_id
    if len(pending) > 3:
        oldest = next(iter(pending))
        done += pending.pop(oldest)
print(len(pending), done, 12345 in pending)

d = {}
for i in range(50_000):
    d[("k", i)] = i
    del d[("k", i)]
d["last"] = 1
print(d, ("k", 7) in d)

s = {}
for i in range(30_000):
    s[str(i)] = None
    s.popitem()
print(len(s))
