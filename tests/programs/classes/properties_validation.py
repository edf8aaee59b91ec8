class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError(f"{v} below absolute zero")
        self._c = float(v)
    @celsius.deleter
    def celsius(self):
        print("deleting"); del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9
t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212; print(t.celsius, round(t.fahrenheit, 6))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(hasattr(t, "_c"))
class ReadOnly:
    @property
    def value(self):
        return 42
r = ReadOnly()
try:
    r.value = 1
except AttributeError as e:
    print("AttributeError:", e)
class Lazy:
    def __init__(self):
        self.computed = 0
    @property
    def expensive(self):
        if not hasattr(self, "_cache"):
            self.computed += 1
            self._cache = sum(range(1000))
        return self._cache
l = Lazy(); print(l.expensive, l.expensive, l.computed, type(Lazy.expensive).__name__)
