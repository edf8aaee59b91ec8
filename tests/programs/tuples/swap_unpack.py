a = 1
b = 2
a, b = b, a
print(a, b)
data = [(1, "one"), (2, "two"), (3, "three")]
for num, name in data:
    print(num, name)
first, second = "ab"
print(first, second)
