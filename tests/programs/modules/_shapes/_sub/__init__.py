from .._util import scale


def twice(v):
    return scale(scale(v))
