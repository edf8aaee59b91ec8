class AttrDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None
    def __setattr__(self, name, value):
        self[name] = value
d = AttrDict(a=1)
d.b = 2
print(d, d.a, d.b, d["b"], sorted(d.keys()), len(d))
try:
    d.zzz
except AttributeError as e:
    print("AttributeError:", e)
class LowerDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
    def __contains__(self, k):
        return super().__contains__(k.lower())
ld = LowerDict()
ld["Hello"] = 1; ld["WORLD"] = 2
print(ld, ld["HELLO"], "world" in ld, "World" in ld, list(ld.items()))
class Counting(dict):
    def __missing__(self, key):
        return 0
c = Counting()
for w in "a b a c b a".split():
    c[w] = c[w] + 1
print(c, c["zzz"], "zzz" in c, dict(sorted(c.items())))
