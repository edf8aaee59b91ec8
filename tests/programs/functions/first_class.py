def add(a, b):
    return a + b
def mul(a, b):
    return a * b
ops = {"+": add, "*": mul}
for sym in ["+", "*"]:
    print(sym, ops[sym](6, 7))
fs = [abs, len, str]
print(fs[0](-3), fs[1]([1, 2]), fs[2](9))
print(type(add), type(len), type(3) == int)
