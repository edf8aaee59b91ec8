# List and dict comprehensions: own scope, nested clauses, conditions, closures; the last one raises inside <listcomp>.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(x)])
print({k: v for k, v in [("a", 1), ("b", 2)]})
print({str(i): [j for j in range(i)] for i in range(4)})
def scale(items, k):
    return [v * k for v in items]
print(scale([1, 2, 3], 10))
def nested(n):
    return [[i * j for j in range(n)] for i in range(n)]
print(nested(3))
x = "outer"
print([x for x in "ab"], x)
def closure_in_comp():
    fs = [lambda v, i=i: v + i for i in range(3)]
    return [f(10) for f in fs]
print(closure_in_comp())
def late_binding():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]
print(late_binding())
class K:
    base = [1, 2]
    doubled = [b * 2 for b in base]
print(K.doubled)
matrix = [[1, 2], [3, 4]]
print([v for row in matrix for v in row], sum([v for row in matrix for v in row]))
words = ["apple", "kiwi", "banana"]
print(sorted(words, key=lambda w: len(w)), {w: len(w) for w in words if len(w) > 4})
print([1/v for v in [1, 0]])
