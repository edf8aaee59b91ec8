class Color(int):
    _names = {}
    def __new__(cls, value, name):
        obj = super().__new__(cls, value)
        obj.label = name
        cls._names[value] = obj
        return obj
    def __repr__(self):
        return f"<Color.{self.label}: {int(self)}>"
    def __str__(self):
        return f"Color.{self.label}"
    @classmethod
    def lookup(cls, value):
        return cls._names[value]
RED, GREEN, BLUE = Color(1, "RED"), Color(2, "GREEN"), Color(3, "BLUE")
print(RED, repr(GREEN), BLUE + 1, RED | GREEN, sorted([BLUE, RED, GREEN]), Color.lookup(2) is GREEN, RED == 1, [RED, BLUE])
print(["off", "red", "green", "blue"][BLUE], {RED: "r"}[1], f"{GREEN}", f"{GREEN:>3}", max(RED, BLUE).label, isinstance(RED, int))
