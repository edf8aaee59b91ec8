def check(v):
    if v < 0:
        raise ValueError("negative value: " + str(v))
    return v
print(check(3))
check(-2)
