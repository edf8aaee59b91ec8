"""weakref, written in Python on Taipan over the native _weakref module:
ref, proxy, getweakrefcount, getweakrefs, WeakValueDictionary, WeakKeyDictionary,
WeakSet and finalize. (The standard-library issue replaces this with
CPython's own weakref.py once Lib/ loads.)"""

from _weakref import (ref, proxy, getweakrefcount, getweakrefs, ReferenceType,
                      ProxyType, CallableProxyType)

ProxyTypes = (ProxyType, CallableProxyType)

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "ReferenceType",
           "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "finalize"]


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry goes when its
    value dies."""

    def __init__(self, other=(), **kw):
        self.data = {}
        self._key_of = {}
        self_ref = ref(self)

        def remove(wr, key_of=self._key_of, self_ref=self_ref):
            d = self_ref()
            if d is not None:
                key = key_of.pop(id(wr), None)
                if key is not None and d.data.get(key) is wr:
                    del d.data[key]

        self._remove = remove
        self.update(other, **kw)

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        wr = ref(value, self._remove)
        self._key_of[id(wr)] = key
        self.data[key] = wr

    def __delitem__(self, key):
        wr = self.data.pop(key)
        self._key_of.pop(id(wr), None)

    def __contains__(self, key):
        wr = self.data.get(key)
        return wr is not None and wr() is not None

    def __len__(self):
        return sum(1 for wr in self.data.values() if wr() is not None)

    def __iter__(self):
        return iter(list(k for k, wr in self.data.items() if wr() is not None))

    def get(self, key, default=None):
        wr = self.data.get(key)
        if wr is None:
            return default
        o = wr()
        return default if o is None else o

    def keys(self):
        return list(self)

    def values(self):
        return [o for o in (wr() for wr in list(self.data.values())) if o is not None]

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def pop(self, key, *default):
        try:
            o = self[key]
        except KeyError:
            if default:
                return default[0]
            raise
        del self[key]
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kw):
        if hasattr(other, "items"):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def copy(self):
        return WeakValueDictionary(self.items())

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)


class _WeakRefKeys:
    """What WeakKeyDictionary and WeakSet share: `data` is keyed by weak
    references to the items."""

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __len__(self):
        return sum(1 for wr in self.data if wr() is not None)

    def __iter__(self):
        return iter([o for o in (wr() for wr in list(self.data)) if o is not None])


class WeakKeyDictionary(_WeakRefKeys):
    """A mapping whose keys are held weakly: an entry goes when its key
    dies."""

    def __init__(self, dict=None):
        self.data = {}
        self_ref = ref(self)

        def remove(k, self_ref=self_ref):
            d = self_ref()
            if d is not None:
                d.data.pop(k, None)

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def keys(self):
        return list(self)

    def values(self):
        return [v for wr, v in list(self.data.items()) if wr() is not None]

    def items(self):
        out = []
        for wr, v in list(self.data.items()):
            k = wr()
            if k is not None:
                out.append((k, v))
        return out

    def pop(self, key, *default):
        return self.data.pop(ref(key), *default)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for k, v in dict:
                self[k] = v

    def __repr__(self):
        return "<WeakKeyDictionary at %#x>" % id(self)


class WeakSet(_WeakRefKeys):
    """A set whose elements are held weakly."""

    def __init__(self, data=None):
        self.data = set()
        self_ref = ref(self)

        def remove(item, self_ref=self_ref):
            s = self_ref()
            if s is not None:
                s.data.discard(item)

        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def __repr__(self):
        return "<WeakSet at %#x>" % id(self)


class finalize:
    """Calls func(*args, **kwargs) when obj dies (or when called first),
    once."""

    _registry = {}

    def __init__(self, obj, func, *args, **kwargs):
        self._key = object()
        self._info = (func, args, kwargs)
        wr = ref(obj, self._fire)
        self._ref = wr
        finalize._registry[id(self._key)] = self

    def _fire(self, wr):
        self()

    def __call__(self, _=None):
        if finalize._registry.pop(id(self._key), None) is None:
            return None
        func, args, kwargs = self._info
        self._info = None
        return func(*args, **kwargs)

    def detach(self):
        if finalize._registry.pop(id(self._key), None) is None:
            return None
        obj = self._ref()
        info = self._info
        self._info = None
        if obj is None:
            return None
        return (obj, info[0], info[1], info[2])

    @property
    def alive(self):
        return id(self._key) in finalize._registry
