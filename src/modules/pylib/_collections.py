"""_collections, written in Python on Taipan until it is native: deque
and defaultdict, the two types CPython's collections package takes from
its C module (the rest of collections is CPython's own Python)."""

# ---- deque --------------------------------------------------------------------

class deque:
    """A double-ended queue: two lists back to back (the front one
    reversed), so both ends append and pop in amortised O(1)."""

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._front = []
        self._back = []
        self._maxlen = maxlen
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def __len__(self):
        return len(self._front) + len(self._back)

    def __bool__(self):
        return bool(self._front) or bool(self._back)

    def _rebalance_front(self):
        back = self._back
        k = (len(back) + 1) // 2
        self._front = back[:k][::-1]
        self._back = back[k:]

    def _rebalance_back(self):
        front = self._front
        k = (len(front) + 1) // 2
        self._back = front[:k][::-1]
        self._front = front[k:]

    def append(self, x):
        self._back.append(x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.popleft()

    def appendleft(self, x):
        self._front.append(x)
        if self._maxlen is not None and len(self) > self._maxlen:
            self.pop()

    def pop(self):
        if not self._back:
            if not self._front:
                raise IndexError("pop from an empty deque")
            self._rebalance_back()
        return self._back.pop()

    def popleft(self):
        if not self._front:
            if not self._back:
                raise IndexError("pop from an empty deque")
            self._rebalance_front()
        return self._front.pop()

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._front = []
        self._back = []

    def copy(self):
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def _items(self):
        return self._front[::-1] + self._back

    def _set_items(self, items):
        self._front = []
        self._back = list(items)

    def __iter__(self):
        return iter(self._items())

    def __reversed__(self):
        return iter(self._items()[::-1])

    def _index(self, i):
        n = len(self)
        if not isinstance(i, int):
            raise TypeError(
                f"sequence index must be integer, not '{type(i).__name__}'")
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, i):
        i = self._index(i)
        nf = len(self._front)
        if i < nf:
            return self._front[nf - 1 - i]
        return self._back[i - nf]

    def __setitem__(self, i, value):
        i = self._index(i)
        nf = len(self._front)
        if i < nf:
            self._front[nf - 1 - i] = value
        else:
            self._back[i - nf] = value

    def __delitem__(self, i):
        i = self._index(i)
        items = self._items()
        del items[i]
        self._set_items(items)

    def __contains__(self, x):
        for y in self._front:
            if y is x or y == x:
                return True
        for y in self._back:
            if y is x or y == x:
                return True
        return False

    def count(self, x):
        return self._items().count(x)

    def index(self, x, start=0, stop=None):
        items = self._items()
        if stop is None:
            stop = len(items)
        for i in range(max(start, 0), min(stop, len(items))):
            if items[i] is x or items[i] == x:
                return i
        raise ValueError(f"{x!r} is not in deque")

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        items = self._items()
        items.insert(i, x)
        self._set_items(items)

    def remove(self, value):
        items = self._items()
        for i, y in enumerate(items):
            if y is value or y == value:
                del items[i]
                self._set_items(items)
                return
        raise ValueError(f"{value!r} is not in deque")

    def reverse(self):
        self._set_items(self._items()[::-1])

    def rotate(self, n=1):
        length = len(self)
        if length <= 1:
            return
        n %= length
        if n:
            items = self._items()
            self._set_items(items[-n:] + items[:-n])

    def __repr__(self):
        items = ", ".join(repr(x) for x in self._items())
        if self._maxlen is None:
            return f"{type(self).__name__}([{items}])"
        return f"{type(self).__name__}([{items}], maxlen={self._maxlen})"

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() == other._items()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() < other._items()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() <= other._items()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() > other._items()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() >= other._items()

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(
                f'can only concatenate deque (not "{type(other).__name__}") to deque')
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return type(self)(self._items() * n, self._maxlen)

    def __imul__(self, n):
        self._set_items(self._items() * n)
        if self._maxlen is not None:
            while len(self) > self._maxlen:
                self.popleft()
        return self


# ---- defaultdict ----------------------------------------------------------------

class defaultdict(dict):
    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def __repr__(self):
        return f"{type(self).__name__}({self.default_factory!r}, {dict.__repr__(self)})"

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new



deque.__module__ = "collections"
defaultdict.__module__ = "collections"
