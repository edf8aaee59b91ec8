print("init shapes", __name__, __package__)
from ._circle import Circle
from . import _square
VERSION = "1.0"
__all__ = ["Circle", "VERSION"]
