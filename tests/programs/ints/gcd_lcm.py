def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a // gcd(a, b) * b
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), lcm(4, 6))
acc = 1
for k in range(1, 41):
    acc = lcm(acc, k)
print(acc)
