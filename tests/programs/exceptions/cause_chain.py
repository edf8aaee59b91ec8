# raise ... from ...: the direct-cause chain as CPython prints it.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad config value " + repr(s)) from e


def load():
    return parse("x1")


print(parse("12"))
load()
