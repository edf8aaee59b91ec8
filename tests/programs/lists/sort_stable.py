pairs = [(3, "c"), (1, "a"), (2, "b"), (1, "z"), (3, "a")]
print(sorted(pairs))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words))
nums = [5, -3, 2, -8, 7, 0]
nums.sort(key=abs)
print(nums)
nums.sort(key=abs, reverse=True)
print(nums)
print(sorted("hello"))
