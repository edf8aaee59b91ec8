class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1
    def __len__(self):
        return self.start
    def __reversed__(self):
        return iter(range(1, self.start + 1))
    def __contains__(self, x):
        return 0 < x <= self.start
c = Countdown(5)
print(list(c), len(c), list(reversed(c)), 3 in c, 9 in c, sum(c), sorted(c), max(c), list(zip(c, "abc")))
class Squares:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i ** 2
s = Squares(4)
print(next(s), list(s), list(s), next(s, "done"))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), [x for x in Seq() if x], list(enumerate(Seq(), 1)))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration raised")
try:
    iter(5)
except TypeError as e:
    print("TypeError:", e)
