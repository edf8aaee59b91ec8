# Module attributes are assignable and deletable; sys.stdout can be
# replaced (print writes each piece to it); sys.path is the live list
# imports search; exit() and quit() exist.
import sys, math
math.tau2 = 1
print(math.tau2)
del math.tau2
print(hasattr(math, "tau2"))
try:
    del math.nothing
except AttributeError as e:
    print(e)


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


old = sys.stdout
sys.stdout = Capture()
print("captured", 1)
print("again", end="!")
cap = sys.stdout
sys.stdout = old
print(cap.parts)
sys.path.append(__file__.rsplit("/", 1)[0] + "/extra_path")
import _extra_mod
print(_extra_mod.X)
print(callable(exit), callable(quit))
exit(4)
