def lookup(table, keys):
    total = 0
    for k in keys:
        total = total + table[k] * 2
    return total
table = {"a": 1, "b": 2}
print(lookup(table, ["a", "b", "a"]))
print(lookup(table, ["a", "zzz"]))
