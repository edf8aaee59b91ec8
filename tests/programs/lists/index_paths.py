def walk(items):
    total = 0
    for i in range(len(items)):
        total = total + items[i] * 2 + items[-1 - i]
    return total

def rotate(items):
    n = len(items)
    first = items[0]
    for i in range(n - 1):
        items[i] = items[i + 1]
    items[n - 1] = first
    return items

def objects(n):
    names = ["a"] * n
    for i in range(n):
        names[i] = names[i] + str(i)
        names[-1] = names[i]
    return names

def self_ref():
    l = [0, 1]
    for i in range(3):
        l[0] = l
    return len(l[0][0][0])

def mixed_keys(l):
    out = []
    for k in [0, True, -1, 2 ** 70 - 2 ** 70, 1]:
        out.append(l[k])
    return out

def grow(n):
    l = [0]
    for i in range(n):
        l.append(l[i] + i)
        l[i] = -l[i]
    return l

print(walk([3, 1, 4, 1, 5, 9, 2, 6]))
print(rotate([1, 2, 3, 4, 5]))
print(objects(6))
print(self_ref())
print(mixed_keys([10, 20, 30]))
print(grow(10))
print(walk([1, 2]), walk([]))
items = [1, 2, 3]
print(items[5 - 10])
