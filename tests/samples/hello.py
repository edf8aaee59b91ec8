"""A small sample program for the README's main-job commands."""
import math


def greet(name, punctuation="!"):
    return "Hello, " + name + punctuation


def primes(limit):
    found = []
    for n in range(2, limit):
        is_prime = True
        for p in found:
            if p * p > n:
                break
            if n % p == 0:
                is_prime = False
                break
        if is_prime:
            found.append(n)
    return found


for who in ["world", "Taipan"]:
    print(greet(who))
print(primes(50))
print(2 ** 100, math.sqrt(2), 7 // -2)
