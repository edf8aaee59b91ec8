# random with seeds (same draws as CPython), sys and time; ends with sys.exit(3).
import random
random.seed(42)
print(random.random(), random.random(), random.randint(1, 100), random.randrange(10), random.randrange(5, 50, 5))
print(random.choice("abcdef"), random.uniform(1, 2), random.gauss(0, 1), random.gauss(10, 2), random.getrandbits(70))
l = list(range(10))
random.shuffle(l)
print(l, random.sample(range(100), 5), random.sample(list("abcdefghij"), 3), random.choices([1, 2, 3], k=4), random.choices("xyz", weights=[1, 5, 1], k=5))
random.seed(12345678901234567890)
print([random.randint(0, 9) for _ in range(20)])
random.seed("hello")
print(random.random(), random.randrange(-10, 10, 3))
random.seed(0)
print(random.sample(range(1000), 10), random.random())
import sys, time
print(sys.argv[1:] == [], sys.maxsize, sys.version_info[:2], sys.getrecursionlimit(), type(time.time()).__name__, time.perf_counter() >= 0)
sys.stdout.write("written\n")
print("to stderr", file=sys.stderr)
sys.exit(3)
