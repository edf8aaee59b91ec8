numbers = [3, 1, 2]
print(sorted(numbers))
print(lenn(numbers))
