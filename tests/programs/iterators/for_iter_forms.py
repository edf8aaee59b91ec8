# FOR_ITER's specialised forms (range, list, tuple): items stored straight
# into the loop variable, lists changing while iterated, ranges at the
# edges of machine ints, and a loop that sees other iterables at the
# same site after warming up.

def total(it):
    t = 0
    for x in it:
        t = t + x
    return t

for _ in range(5):
    total(range(10))
    total([1, 2, 3])
    total((4, 5))
print(total(range(10)), total(range(10, 0, -3)), total(range(0)), total(range(5, 5)))
print(total([1, 2, 3]), total((4, 5)), total({7: 1, 8: 2}), total("")
      if False else total({7, 8}), total(x for x in (1, 2)))
print(total(range(2**63 - 3, 2**63 - 1)), total(range(-2**63, -2**63 + 2)))
print(total(range(2**63 - 2, 2**63 + 2)))

def grow(lst):
    out = []
    for x in lst:
        out.append(x)
        if len(lst) < 6:
            lst.append(x * 10)
    return out

def shrink(lst):
    out = []
    for x in lst:
        out.append(x)
        if lst:
            lst.pop()
    return out

for _ in range(3):
    print(grow([1, 2]), shrink([1, 2, 3, 4, 5]))

def pairs(seq):
    out = []
    for a, b in seq:
        out.append(a * b)
    return out

print(pairs([(1, 2), (3, 4)]), pairs(((5, 6),)))

def nested(n):
    cells = []
    for i in range(n):
        for j in range(i):
            cells.append((i, j))
    return cells

print(nested(4))

def early(items):
    for i in items:
        if i == 3:
            return i
    return None

print(early(range(10)), early([5, 3, 1]), early((9,)), early([]))

it = iter([1, 2, 3])
for v in it:
    print("module level", v)
print(list(it))

class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * i

print(total(Seq()))
