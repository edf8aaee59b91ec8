def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
def power(b, e):
    if e == 0:
        return 1
    h = power(b, e // 2)
    return h * h * (b if e % 2 else 1)
def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z
print(fib(22), [gcd(a, 360) for a in (48, 100, 7, 720)], power(3, 40), power(2, 100), tak(12, 8, 4))
def mutual_even(n):
    return True if n == 0 else mutual_odd(n - 1)
def mutual_odd(n):
    return False if n == 0 else mutual_even(n - 1)
print(mutual_even(100), mutual_odd(77), mutual_even(7))
