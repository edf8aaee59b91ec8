# __builtins__: the builtins module in __main__, a dict elsewhere; a
# function's __builtins__ is what its globals name.
import builtins
import json

print(__builtins__ is builtins, type(json.__builtins__).__name__)


def f():
    pass


print(f.__builtins__ is builtins.__dict__)
g = eval("lambda: 0", {"__builtins__": {}})
print(g.__builtins__)
from collections import namedtuple

print(namedtuple("P", "x").__new__.__builtins__)
