# Generic aliases (PEP 585: list[int]) and unions (PEP 604: int | None), as
# annotations evaluated at run time produce them.
def f(x: list[int], y: dict[str, int] = None) -> tuple[int, ...]:
    return x


print(f([1]), f.__annotations__)


class A:
    items: list[str] = []


print(A.__annotations__)
print(list[int], type(list[int]), list[int] == list[int], list[int].__origin__, list[int].__args__)
print(dict[str, list[int]], list[int]([3]), tuple[int, str], type[int], frozenset[str], set[bytes])
print(hash(list[int]) == hash(list[int]), list[int] != list[str], list[int] == list)


class MyList(list[int]):
    pass


print(MyList.__mro__, MyList([1, 2]))
try:
    isinstance([], list[int])
except TypeError:
    print("TypeError")


def g(a: "list[int]", b: int | None = None) -> str | bytes:
    pass


print(g.__annotations__)
u = int | str | None
print(u, type(u).__name__, u.__args__, None | int, list[int] | None, int | int)
print(isinstance(3, int | str), isinstance(3.0, int | str), issubclass(bool, int | None))
print((int | str) == (str | int), (int | str) == (int | bytes), hash(int | str) == hash(str | int))
print(ValueError | KeyError)
try:
    int | 3
except TypeError as e:
    print(e)
