"""copy, written in Python on Taipan: shallow and deep copies of the
built-in containers and of instances (`__copy__` / `__deepcopy__`
honoured, shared and cyclic references kept through the memo)."""


class Error(Exception):
    pass


error = Error

def copy(x):
    cls = type(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if cls in (list, dict, set):
        return x.copy()
    if cls in (tuple, frozenset, int, float, str, bytes, bool, type(None), range):
        return x
    if isinstance(x, type) or callable(x) and not hasattr(x, "__dict__"):
        return x
    return _reconstruct(x, None)


def _reconstruct(x, memo):
    cls = type(x)
    if isinstance(x, (list, dict, set, tuple, frozenset)):
        y = cls.__new__(cls) if not isinstance(x, (tuple, frozenset)) else None
    else:
        y = object.__new__(cls)
    if memo is not None:
        memo[id(x)] = y
    if isinstance(x, (tuple, frozenset)):
        items = [deepcopy(v, memo) if memo is not None else v for v in x]
        return cls(items) if cls in (tuple, frozenset) else cls(*items)
    if isinstance(x, list):
        y.extend(deepcopy(v, memo) if memo is not None else v for v in x)
    elif isinstance(x, dict):
        for k, v in x.items():
            if memo is not None:
                y[deepcopy(k, memo)] = deepcopy(v, memo)
            else:
                y[k] = v
    elif isinstance(x, set):
        for v in x:
            y.add(deepcopy(v, memo) if memo is not None else v)
    state = getattr(x, "__dict__", None)
    if state:
        if memo is not None:
            state = deepcopy(state, memo)
        y.__dict__.update(state)
    return y


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in (int, float, bool, str, bytes, type(None), range) or isinstance(x, type):
        return x
    copier = getattr(x, "__deepcopy__", None)
    if copier is not None and not isinstance(x, type):
        y = copier(memo)
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for v in x:
            y.add(deepcopy(v, memo))
    elif cls is tuple or cls is frozenset:
        items = [deepcopy(a, memo) for a in x]
        if d in memo:
            return memo[d]
        if all(i is j for i, j in zip(items, x)):
            y = x
        else:
            y = cls(items)
    elif callable(x) and not hasattr(x, "__dict__"):
        return x
    elif type(x).__name__ == "function":
        return x
    else:
        y = _reconstruct(x, memo)
    memo[d] = y
    if y is not x:
        memo.setdefault(id(memo), []).append(x)
    return y
