"""sys._getframe and what the library builds on it: frames' code, line,
globals and f_back chain; warnings with a stacklevel; namedtuple's and
Enum's module; logging's caller; inspect and traceback's stack."""
import sys, warnings

def inner(a, b=2):
    c = a + b
    print(sys._getframe().f_code.co_name, sys._getframe().f_lineno)
    g = sys._getframe(1)
    print(g.f_code.co_name, g.f_lineno, g.f_back.f_code.co_name, g.f_globals['__name__'])
    return sys._getframe()

def outer():
    x = 10
    return inner(x,
                 5)

f = outer()
print(f.f_back.f_code.co_name, f.f_back.f_back.f_code.co_name, f.f_back.f_back.f_back)
print(sys._getframe().f_code.co_name, sys._getframe().f_lineno, sys._getframe().f_locals is globals())
try:
    sys._getframe(50)
except ValueError as e:
    print("ValueError", e)

def deprecated():
    warnings.warn("old api", DeprecationWarning, stacklevel=2)

warnings.simplefilter("always")
def user():
    deprecated()
user()
warnings.warn("top level", UserWarning)
import collections
P = collections.namedtuple("P", "x y")
print(P.__module__, P(1, 2))
import logging
logging.basicConfig(format="%(funcName)s:%(lineno)d %(message)s", stream=sys.stdout)
def logs():
    logging.warning("from logs")
logs()
import inspect
print(inspect.currentframe().f_code.co_name)
import traceback
def tb():
    return [(fs.name, fs.lineno) for fs in traceback.extract_stack()]
print(tb()[-2:])
class E(__import__('enum').Enum):
    A = 1
print(E.__module__, E.A)
