# `**` at a site that saw floats: compiled code computes a positive
# finite base to a finite power inline (the runtime's powf, so every
# digit is CPython's); zero, negative and infinite bases, NaN, overflow
# and int operands take the full operation, raising as CPython does.
def power(x, y):
    return x ** y


def powers(xs, ys):
    out = []
    for x in xs:
        for y in ys:
            try:
                r = power(x, y)
            except Exception as e:
                r = type(e).__name__ + ": " + str(e)
            out.append(r)
    return out


warm = 0.0
for i in range(1, 400):
    warm += power(i * 0.37, 0.5) + power(1.0001, i * 1.5)
print(warm)
xs = [2.0, 0.5, 1e300, 0.0, -0.0, -2.0, float("inf"), float("-inf"), float("nan"), 3, 10**20, 1e-320, True]
ys = [0.5, 2.0, -1.0, 1e10, -1e10, float("inf"), float("nan"), 0.0, 3, -2, 1.5]
for r in powers(xs, ys):
    print(r)
z = 1.5
z **= 2.0
print(z, 2 ** 0.5, (2 ** 10) ** 0.5, 7.0 ** 0.5, 1e-300 ** 0.5)
