# dataclasses: fields, defaults, ordering, frozen instances, replace,
# asdict/astuple, __post_init__, slots and inheritance.
import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
from typing import List


@dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list, compare=False)

    def norm1(self):
        return abs(self.x) + abs(self.y)


@dataclass(frozen=True)
class Frozen:
    name: str
    size: float = 1.5


@dataclass
class Derived(Point):
    z: int = 9

    def __post_init__(self):
        self.total = self.x + self.y + self.z


@dataclass(slots=True)
class Slotted:
    a: int
    b: str = "b"


p, q = Point(1, 2), Point(1, 3, ["t"])
print(p, q, p < q, p == Point(1, 2, ["other"]), sorted([q, p, Point(0, 5)]))
print(asdict(q), astuple(q), replace(p, y=7), [f.name for f in fields(Point)], p.norm1())
f = Frozen("f")
try:
    f.name = "g"
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(f, hash(f) == hash(Frozen("f")), Frozen("f") == Frozen("f", 1.5))
d = Derived(1, 2)
print(d, d.total, dataclasses.is_dataclass(d), dataclasses.is_dataclass(3))
s = Slotted(5)
print(s, Slotted.__slots__, hasattr(s, "__dict__"))
try:
    Point()
except TypeError as e:
    print("TypeError", e)
Made = dataclasses.make_dataclass("Made", [("a", int), ("b", int, field(default=4))])
print(Made(1), Made.__dataclass_fields__["b"].default)
