# zip(strict=True) (PEP 618): ValueError naming the argument that is shorter
# or longer, as CPython's messages.
print(list(zip([1, 2], [3, 4], strict=True)), list(zip([1], [2, 3])), list(zip(strict=True)))
for args in ([[1], [2, 3]], [[1, 2], [3]], [[1, 2], [3, 4], [5]], [[1], [2], [3, 4]], [[1, 2, 3], [4, 5, 6], [7, 8]]):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(e)
print(list(zip([1, 2], "ab", strict=False)))
