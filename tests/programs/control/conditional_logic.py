def fizzbuzz(n):
    return "FizzBuzz" if n % 15 == 0 else "Fizz" if n % 3 == 0 else "Buzz" if n % 5 == 0 else str(n)
print(" ".join(fizzbuzz(i) for i in range(1, 21)))
def grade(s):
    if s >= 90:
        return "A"
    elif s >= 80:
        return "B"
    elif s >= 70:
        return "C"
    return "F"
print([grade(s) for s in (95, 85, 75, 10, 90, 89.99)])
print(0 or "default", "" or None, [] and "x", 1 and 2, not 0, not [1], None is None, 1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 != 2)
x = 5
print(0 < x <= 5, x in (1, 5), x not in [5], (x > 3) + (x > 4), "yes" if x else "no", all(v > 0 for v in [x, 2]), any([0, "", x]))
def sign(v):
    return (v > 0) - (v < 0)
print([sign(v) for v in (-3, 0, 7, -0.0, 2.5)])
leap = [y for y in range(1896, 1912) if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)]
print(leap, (lambda: (yield))() is not None)
