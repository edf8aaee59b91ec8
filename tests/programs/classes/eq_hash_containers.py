class Key:
    def __init__(self, a, b):
        self.a, self.b = a, b
    def __eq__(self, other):
        return isinstance(other, Key) and (self.a, self.b) == (other.a, other.b)
    def __hash__(self):
        return hash((self.a, self.b))
    def __repr__(self):
        return f"Key{(self.a, self.b)}"
d = {Key(1, 2): "x"}
d[Key(1, 2)] = "y"
d[Key(2, 1)] = "z"
print(d, len(d), d[Key(1, 2)], Key(2, 1) in d, Key(9, 9) in d)
s = {Key(0, 0), Key(0, 0), Key(0, 1)}
print(len(s), Key(0, 1) in s, sorted(s, key=lambda k: (k.a, k.b)))
print([Key(1, 1)].index(Key(1, 1)), [Key(1, 1), Key(1, 1)].count(Key(1, 1)), Key(1, 1) in [Key(1, 1)], (Key(1, 1),) == (Key(1, 1),))
class NoHash:
    def __eq__(self, other):
        return True
try:
    {NoHash(): 1}
except TypeError as e:
    print("TypeError:", e)
print(NoHash() == 5, NoHash() != 5, [NoHash()] == [1], dict.fromkeys([Key(1, 1), Key(1, 1)]))
