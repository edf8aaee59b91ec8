# __del__: run when the last reference goes, once (PEP 442), also for
# objects in unreachable cycles (an exception in __del__: tests/cli.rs).
import gc


class Res:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


a = Res("a")
b = a
del a
print("a still referenced")
del b
print("after del b")


def scope():
    r = Res("local")
    print("in scope")


scope()
print("after scope")

x = Res("rebound")
x = Res("second")
print("after rebinding")
del x

# In a cycle: __del__ runs when the collector finds it.
c = Res("cycle")
c.me = c
del c
print("before collect")
gc.collect()
print("after collect")

# Resurrection: __del__ stores the object; it is not finalized twice.
saved = []


class Phoenix:
    def __del__(self):
        print("phoenix __del__")
        saved.append(self)


p = Phoenix()
del p
print(len(saved))
saved.clear()
print("cleared", len(saved))


# A __del__ added to the class after the instance was made still runs.
class Late:
    pass


late = Late()
Late.__del__ = lambda self: print("late __del__")
del late
print("after late")

# The last reference dropped by an assignment to a class attribute.
class Single:
    def __del__(self):
        print("single __del__")


Single.instance = Single()
Single.instance = None
print("after class attribute")

# Many objects with __del__ in cycles.
count = [0]


class Counted:
    def __init__(self):
        self.me = self

    def __del__(self):
        count[0] += 1


for i in range(1000):
    Counted()
gc.collect()
print("finalized:", count[0])

# Objects still alive when the program ends are finalized then, with the
# module's globals still readable.
FAREWELL = "bye"


class AtExit:
    def __del__(self):
        print("finalized at exit:", FAREWELL)


survivor = AtExit()
print("end of program")
