print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", "" or [] or 0)
print(not 0, not 1, not [], not [0], not "")
a = []
b = a or [1]
print(b, a and b)
def side(x):
    print("eval", x)
    return x
print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(2) and side(3))
