import random
random.seed(12345)
print([random.randint(0, 100) for _ in range(8)])
print(round(random.uniform(1, 2), 10), random.randrange(0, 100, 5), random.choice(["a", "b", "c"]))
deck = list(range(20)); random.shuffle(deck); print(deck)
print(random.sample(range(100), 5), random.choices("xyz", k=6), round(random.gauss(0, 1), 10))
print(random.getrandbits(16))
random.seed("text seed"); print(random.random())
random.seed(12345); print(random.randint(0, 100))
