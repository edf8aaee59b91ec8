# type(name, bases, dict), class objects as values, __init_subclass__,
# class decorators and isinstance with built-in types.
def greet(self):
    return "hi from " + type(self).__name__


Dyn = type("Dyn", (object,), {"greet": greet, "value": 7})
d = Dyn()
print(Dyn, d.greet(), d.value, Dyn.__name__, type(Dyn) is type, type(Dyn))

registry = []


class Plugin:
    def __init_subclass__(cls):
        registry.append(cls.__name__)


class Alpha(Plugin):
    pass


class Beta(Plugin):
    pass


print(registry)


def tag(cls):
    cls.tagged = True
    return cls


@tag
class Tagged:
    pass


print(Tagged.tagged, Tagged().tagged)

classes = [int, str, Alpha, Beta]
for c in classes:
    print(c, c.__name__ if hasattr(c, "__name__") else "?")
print(isinstance(True, int), isinstance(Alpha(), Plugin), isinstance(Alpha, type))
print(type(Alpha()) is Alpha, type(Alpha()) == Alpha, type(1) == int)


class Meta:
    x = 1


m = Meta()
print(type(m).x, m.__class__.__name__, m.__class__ is Meta)
print(Meta.__dict__["x"], "x" in Meta.__dict__)


