import _helper_mod
print(_helper_mod.square(12), _helper_mod.GREETING)
print(_helper_mod.counter())
print(_helper_mod.counter())
from _helper_mod import square
print(square(3))
