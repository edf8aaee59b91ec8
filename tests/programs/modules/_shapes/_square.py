from ._util import scale as s


def area(x):
    return s(x) ** 2
