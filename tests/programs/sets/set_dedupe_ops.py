data = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
seen = set(); unique = []
for x in data:
    if x not in seen:
        seen.add(x); unique.append(x)
print(unique, sorted(seen), list(dict.fromkeys(data)))
pairs = {(a, b) for a in range(4) for b in range(4) if a < b}
print(sorted(pairs), len(pairs))
emails = ["A@x.com", "b@y.org", "a@X.com ", "c@z.net", "B@Y.org"]
normalized = {e.strip().lower() for e in emails}
print(sorted(normalized), len(normalized))
groups = [{1, 2, 3}, {2, 3, 4}, {3, 4, 5}]
print(set.intersection(*groups), set.union(*groups), sorted(set().union(*groups)))
s = set(range(10))
s.difference_update(range(0, 10, 2)); s.intersection_update({1, 3, 5, 7}); s.symmetric_difference_update({7, 8}); s.update([20], [21])
print(sorted(s), s.issubset(range(30)), s.issuperset({1}), frozenset(s).copy() == s)
