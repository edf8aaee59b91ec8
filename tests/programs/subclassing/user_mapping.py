class Registry:
    def __init__(self):
        self._data = {}
    def __getitem__(self, key):
        return self._data[key.lower()]
    def __setitem__(self, key, value):
        self._data[key.lower()] = value
    def __delitem__(self, key):
        del self._data[key.lower()]
    def __contains__(self, key):
        return key.lower() in self._data
    def __len__(self):
        return len(self._data)
    def __iter__(self):
        return iter(self._data)
    def keys(self):
        return self._data.keys()
r = Registry()
r["Alpha"] = 1; r["BETA"] = 2
print(r["alpha"], "beta" in r, "Gamma" in r, len(r), list(r), dict(r), sorted(r.keys()))
del r["ALPHA"]; print(dict(r), {**{"x": 0}, **dict(r)})
d = dict(r); d.update(r); print(d)
try:
    r["zzz"]
except KeyError as e:
    print("KeyError:", e)
