class Tag(str):
    def __new__(cls, value):
        return super().__new__(cls, value.strip().lower())
    def wrap(self):
        return "<" + self + ">"
t = Tag("  HTML ")
print(t, repr(t), t.wrap(), len(t), t.upper(), t == "html", t in {"html": 1}, sorted([Tag("B"), Tag("a")]))
class Even(int):
    def __new__(cls, n):
        if n % 2:
            raise ValueError(f"{n} is odd")
        return super().__new__(cls, n)
    def half(self):
        return self // 2
e = Even(10)
print(e, e.half(), e + 1, type(e + 1).__name__, e * 2, e > 5, hash(e) == hash(10), {e: "ten"}[10], list(range(e))[-1])
try:
    Even(3)
except ValueError as err:
    print("ValueError:", err)
class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32
c = Celsius(100)
print(c, c.to_f(), c + 0.5, f"{c:.1f}", round(c), int(c), c.is_integer(), Celsius(36.6).to_f())
class Flag(int):
    def __repr__(self):
        return f"Flag({int(self)})"
print([Flag(1), Flag(2)], Flag(3) | 4, Flag(6) & 3, ~Flag(0), Flag(5) << 2, -Flag(2), abs(Flag(-4)))
