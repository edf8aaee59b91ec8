"""typing, written in Python on Taipan: the names programs import for
annotations (List, Dict, Optional, Union, Callable, TypeVar, Generic,
Protocol, NamedTuple, cast, overload, …). Subscripting them builds alias
objects that print as CPython's do; Taipan does not check types."""

TYPE_CHECKING = False


class _Alias:
    def __init__(self, name, args=(), origin=None):
        self._name = name
        self.__args__ = args
        self.__origin__ = origin

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self._name, params, self)

    def __repr__(self):
        if not self.__args__:
            return f"typing.{self._name}"
        return f"typing.{self._name}[{', '.join(_type_repr(a) for a in self.__args__)}]"

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Type {self._name} cannot be instantiated")

    def __eq__(self, other):
        return isinstance(other, _Alias) and (self._name, self.__args__) == (other._name, other.__args__)

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if isinstance(obj, list):
        return "[" + ", ".join(_type_repr(a) for a in obj) + "]"
    if obj is None or obj is type(None):
        return "None"
    return repr(obj)


Any = _Alias("Any")
NoReturn = _Alias("NoReturn")
List = _Alias("List")
Dict = _Alias("Dict")
Set = _Alias("Set")
FrozenSet = _Alias("FrozenSet")
Tuple = _Alias("Tuple")
Type = _Alias("Type")
Callable = _Alias("Callable")
Iterable = _Alias("Iterable")
Iterator = _Alias("Iterator")
Generator = _Alias("Generator")
Sequence = _Alias("Sequence")
MutableSequence = _Alias("MutableSequence")
Mapping = _Alias("Mapping")
MutableMapping = _Alias("MutableMapping")
Collection = _Alias("Collection")
Container = _Alias("Container")
Hashable = _Alias("Hashable")
Sized = _Alias("Sized")
Deque = _Alias("Deque")
DefaultDict = _Alias("DefaultDict")
Counter = _Alias("Counter")
ClassVar = _Alias("ClassVar")
Final = _Alias("Final")
Literal = _Alias("Literal")
Annotated = _Alias("Annotated")


class _UnionAlias(_Alias):
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        flat = []
        for p in params:
            p = type(None) if p is None else p
            if isinstance(p, _Alias) and p._name == "Union" and p.__args__:
                flat.extend(p.__args__)
            elif p not in flat:
                flat.append(p)
        if len(flat) == 1:
            return flat[0]
        if len(flat) == 2 and type(None) in flat:
            other = flat[0] if flat[1] is type(None) else flat[1]
            return _Alias("Optional", (other,), self)
        return _Alias("Union", tuple(flat), self)


Union = _UnionAlias("Union")


class _OptionalAlias(_Alias):
    def __getitem__(self, param):
        return Union[param, None]


Optional = _OptionalAlias("Optional")


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound

    def __repr__(self):
        return f"~{self.__name__}"


class Generic:
    def __class_getitem__(cls, params):
        return cls


class Protocol:
    def __class_getitem__(cls, params):
        return cls


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(f):
    return f


def runtime_checkable(cls):
    return cls


def get_type_hints(obj):
    return dict(getattr(obj, "__annotations__", {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    return new_type


def NamedTuple(typename, fields=None, **kwargs):
    from collections import namedtuple
    if fields is None:
        fields = kwargs.items()
    return namedtuple(typename, [name for name, _ in fields])
