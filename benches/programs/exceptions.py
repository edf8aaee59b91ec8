"""Exception-heavy benchmark: parsing with try/except for control flow,
custom exception classes, raise/catch across call frames, finally
blocks and context managers."""


class ParseError(ValueError):
    def __init__(self, pos, msg):
        super().__init__(f"{msg} at {pos}")
        self.pos = pos


class Resource:
    opened = 0

    def __enter__(self):
        Resource.opened += 1
        return self

    def __exit__(self, exc_type, exc, tb):
        Resource.opened -= 1
        return False


def parse_number(s, pos):
    if pos >= len(s) or not s[pos].isdigit():
        raise ParseError(pos, "expected digit")
    end = pos
    while end < len(s) and s[end].isdigit():
        end += 1
    return int(s[pos:end]), end


def parse_list(s):
    values = []
    pos = 0
    while pos < len(s):
        try:
            v, pos = parse_number(s, pos)
            values.append(v)
        except ParseError as e:
            pos = e.pos + 1
    return values


def safe_div(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return 0
    finally:
        pass


def lookup(d, keys):
    found = 0
    for k in keys:
        try:
            found += d[k]
        except KeyError:
            found -= 1
    return found


def deep(n):
    if n == 0:
        raise RuntimeError("bottom")
    try:
        return deep(n - 1)
    finally:
        pass


def main():
    text = "12,x34,,567;8a9 " * 2000
    print(sum(parse_list(text)))
    print(sum(safe_div(i, i % 7) for i in range(60000)))
    d = {i: i for i in range(0, 1000, 3)}
    print(lookup(d, list(range(1000)) * 40))
    caught = 0
    for i in range(3000):
        try:
            with Resource():
                deep(20)
        except RuntimeError:
            caught += 1
    print(caught, Resource.opened)
    errors = 0
    for i in range(30000):
        try:
            int("x" if i % 3 == 0 else str(i))
        except ValueError:
            errors += 1
    print(errors)


main()
