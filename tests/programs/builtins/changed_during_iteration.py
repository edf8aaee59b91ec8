# Iterating a dict or set that changes size is CPython's RuntimeError;
# __len__ results past the index range are OverflowError.
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


def grow_dict():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1


def grow_set():
    s = {1}
    for k in s:
        s.add(k + 1)


def shrink_dict_items():
    d = {1: 1, 2: 2}
    for k, v in d.items():
        del d[k]


def replace_value():
    d = {1: 1, 2: 2}
    for k in d:
        d[k] = 5
    return d


def iterate_again():
    d = {1: 1}
    it = iter(d)
    d[2] = 2
    try:
        next(it)
    except RuntimeError as e:
        print("first", e)
    try:
        next(it)
    except RuntimeError as e:
        print("again", e)
    return "done"


def values_view():
    d = {1: 1}
    for v in d.values():
        d[3] = 3


def add_then_remove():
    d = {1: 1}
    it = iter(d)
    d[2] = 2
    del d[2]
    return list(it)


attempt("grow dict", grow_dict)
attempt("grow set", grow_set)
attempt("shrink items", shrink_dict_items)
attempt("replace value", replace_value)
attempt("iterate again", iterate_again)
attempt("values view", values_view)
attempt("same size again", add_then_remove)


class Big:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


attempt("len 2**70", lambda: len(Big(2**70)))
attempt("len -2**70", lambda: len(Big(-2**70)))
attempt("len -1", lambda: len(Big(-1)))
attempt("bool 2**70", lambda: bool(Big(2**70)))
attempt("len 1.5", lambda: len(Big(1.5)))
