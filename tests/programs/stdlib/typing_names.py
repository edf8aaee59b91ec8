from typing import List, Dict, Optional, Union, Tuple, Callable, Any, TypeVar, Generic, Iterable, cast
T = TypeVar("T")
Vector = List[float]
Table = Dict[str, List[int]]
def scale(v: Vector, k: float) -> Vector:
    return [x * k for x in v]
def first(items: Iterable[T]) -> Optional[T]:
    for x in items:
        return x
    return None
class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item
print(scale([1.0, 2.0], 2), first([3, 4]), first([]), Box(5).item, cast(int, "x"))
print(Vector, Table, Optional[int], Union[int, str], Union[int], Tuple[int, ...], Callable[[int], str], T, Any)
print(Optional[int] == Union[int, None], List[int] == List[int])
