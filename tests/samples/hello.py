"""A small sample program for the README's main-job command."""


def greet(name: str, *, punctuation: str = "!") -> str:
    return f"Hello, {name}{punctuation}"


for who in ["world", "Taipan"]:
    print(greet(who))
