import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = auto()

print(Color.RED, repr(Color.GREEN), Color(3), Color['BLUE'], list(Color), len(Color))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), isinstance(Color.RED, Color))
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO == 2, sorted([Num.TWO, Num.ONE]), f"{Num.ONE}")
class Perm(Flag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, Perm(6), Perm.R in (Perm.R | Perm.X), list(Perm.R | Perm.W))
class P2(IntFlag):
    A = 1
    B = 2
print(P2.A | P2.B, int(P2.A | P2.B))
@unique
class U(Enum):
    a = 1
    b = 2
try:
    @unique
    class D(Enum):
        a = 1
        b = 1
except ValueError as e:
    print("ValueError:", e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def g(self):
        return 6.67e-11 * self.mass / self.radius ** 2
print(round(Planet.EARTH.g, 2))
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value)
print({Color.RED: 'r'}[Color.RED], Color.RED.__class__.__name__, type(Color).__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
