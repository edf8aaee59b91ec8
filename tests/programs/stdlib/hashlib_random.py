# hashlib on the native hash modules, random on _random.Random, and
# memoryview casts to wider formats.
import hashlib
import random

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512",
             "sha3_224", "sha3_256", "sha3_384", "sha3_512", "blake2b", "blake2s"]:
    h = hashlib.new(name)
    h.update(b"The quick brown fox ")
    c = h.copy()
    c.update(b"jumps")
    print(name, h.digest_size, h.block_size, h.hexdigest()[:20], c.hexdigest()[:20])
print(hashlib.sha256(b"abc").digest()[:4])
print(hashlib.shake_256(b"abc").hexdigest(12))
print(hashlib.blake2s(b"abc", digest_size=10).hexdigest())
print(sorted(hashlib.algorithms_guaranteed)[:4])
try:
    hashlib.md5("text")
except TypeError as e:
    print("TypeError:", e)

random.seed(12345)
print([random.randint(1, 100) for _ in range(5)])
print(round(random.random(), 12), random.choice("abcdef"), random.sample(range(50), 4))
random.seed("a string seed")
print(random.getrandbits(40), round(random.gauss(0, 1), 9), round(random.uniform(1, 2), 9))
state = random.getstate()
first = random.random()
random.setstate(state)
print(first == random.random())
r = random.Random(7)
items = list(range(10))
r.shuffle(items)
print(items, r.randrange(0, 100, 5), round(r.triangular(0, 1), 9))

class Dice(random.Random):
    def roll(self):
        return self.randint(1, 6)

d = Dice(99)
print([d.roll() for _ in range(8)], isinstance(d, random.Random))

data = bytearray(range(16))
m = memoryview(data).cast("I")
print(m.format, m.itemsize, len(m), m.nbytes, m.shape, m.strides)
print(m.tolist() == [int.from_bytes(data[i:i + 4], "little") for i in range(0, 16, 4)])
m[0] = 0xFFFFFFFF
print(data[:4], list(memoryview(data).cast("h")[:3]))
print(memoryview(b"\x01\x00\x00\x00\x00\x00\xf0?").cast("d")[0] if False else memoryview(bytes(8)).cast("d").tolist())
try:
    memoryview(bytes(6)).cast("I")
except TypeError as e:
    print("TypeError:", e)
try:
    m[1] = -1
except ValueError as e:
    print("ValueError:", e)
