# The native _abc: abstract methods (properties and class methods too),
# registration with collections.abc and what match sees of it.
import abc, collections.abc as cabc
from abc import ABC, abstractmethod
print(abc.ABCMeta.__module__, type(abc.get_cache_token()).__name__)
class Base(ABC):
    @abstractmethod
    def f(self): ...
    @property
    @abstractmethod
    def p(self): ...
print(sorted(Base.__abstractmethods__))
class Half(Base):
    def f(self): return 1
print(sorted(Half.__abstractmethods__))
try:
    Half()
except TypeError as e:
    print(e)
class Full(Half):
    p = 3
print(Full().f(), Full.__abstractmethods__)
class Seq:
    def __len__(self): return 2
    def __getitem__(self, i): return [1, 2][i]
cabc.Sequence.register(Seq)
print(isinstance(Seq(), cabc.Sequence), issubclass(Seq, cabc.Sized), isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(1, cabc.Hashable), isinstance([], cabc.Hashable))
match Seq():
    case [a, b]:
        print("sequence", a, b)
    case _:
        print("not a sequence")
class M(cabc.Mapping):
    def __getitem__(self, k): return 1
    def __iter__(self): return iter("a")
    def __len__(self): return 1
match M():
    case {"a": v}:
        print("mapping", v)
print(Base._abc_registry_clear(), Base._abc_caches_clear(), len(abc._get_dump(cabc.Sequence)))
try:
    Base.register(1)
except TypeError as e:
    print(e)
try:
    Half.register(Base)
except RuntimeError as e:
    print(e)
