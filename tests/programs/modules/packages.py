# Packages, submodules, relative imports, `from m import *`, sys.modules,
# import errors, and a circular import failing as CPython reports it.
import _shapes
import _shapes._sub
from _shapes import Circle, _square
from _shapes._sub import twice
import _shapes._util as u
print(Circle(2).area(), _square.area(3), twice(5), u.scale(7), _shapes.VERSION, _shapes._sub.twice(1))
from _shapes import *
print(VERSION, Circle.__name__, _shapes.__name__, _shapes._circle.__name__, _shapes.__package__)
import sys
print(sorted(k for k in sys.modules if k.startswith("_shapes")))
try:
    import nosuchmod
except ModuleNotFoundError as e:
    print(e)
try:
    from _shapes import nothing
except ImportError as e:
    print(str(e).split(" (")[0])
try:
    import _shapes.nope
except ModuleNotFoundError as e:
    print(e)
import _cyc_a
