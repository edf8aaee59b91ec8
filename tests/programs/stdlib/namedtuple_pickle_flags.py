# namedtuples: no __dict__/__weakref__ in dir(), pickling at every protocol
# (protocols 0 and 1 find the first non-heap base by type.__flags__).
from collections import namedtuple
import pickle
P = namedtuple('P', 'x y')
p = P(1, 2)
print('__weakref__' in dir(p), '__dict__' in dir(p), [c.__name__ for c in P.__mro__])
print([k for c in P.__mro__ for k in vars(c) if k in ('__dict__', '__weakref__')])
print(hasattr(p, '__dict__'))
TestNT = namedtuple('TestNT', 'x y z')
q = pickle.loads(pickle.dumps(TestNT(10, 20, 30), 0))
print(q, type(q))
for proto in range(6):
    print(proto, pickle.loads(pickle.dumps(P(1, 2), proto)))
import abc
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): pass
class B: pass
print(int.__flags__ & (1 << 9), A.__flags__ & (1 << 9) != 0, A.__flags__ & (1 << 20) != 0, B.__flags__ & (1 << 20))
print(list.__flags__ & (1 << 25) != 0, bool.__flags__ & (1 << 10), dict.__flags__ & (1 << 6) != 0, tuple.__flags__ & (1 << 5) != 0)
print('__dict__' in dir(B()), '__weakref__' in dir(B()), '__dict__' in dir(1))
