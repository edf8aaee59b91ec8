# An invalid format spec raises CPython's ValueError.
print(format(3.5, ".2f"))
print(f"{'abc':d}")
