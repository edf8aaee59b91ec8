# Private name mangling: inside a class, `__name` stands for
# `_Class__name` as a variable, attribute, parameter, def/class name,
# import, global, handler or pattern name, in nested functions, lambdas
# and comprehensions, until a nested class starts its own; names ending
# in "__", dotted module names and call keywords stay as written.


class Base:
    __secret = "base"

    def __init__(self):
        self.__value = 1

    def reveal(self):
        return self.__secret, self.__value

    def __helper(self):
        return "helper"

    def call_helper(self):
        return self.__helper()


class Derived(Base):
    __secret = "derived"

    def __init__(self):
        super().__init__()
        self.__value = 2

    def both(self):
        return self.__secret, self.__value, self.reveal()


d = Derived()
print(d.both())
print(sorted(k for k in vars(d)))
print(sorted(k for k in Base.__dict__ if "secret" in k or "helper" in k))
print(d.call_helper(), Base._Base__helper.__name__, Base._Base__helper.__qualname__)


class Params:
    def g(self, __y=2, *, __k=3):
        __z = __y + __k
        return __z

    print(g.__code__.co_varnames, g.__kwdefaults__)
    try:
        g(None, __y=5)
    except TypeError as e:
        print(e)

    class __Inner:
        __z = 1

        def m(self):
            return self.__z

    print(__Inner.__name__, __Inner.__qualname__, [k for k in __Inner.__dict__ if "z" in k])
    __annotated: int = 3
    lam = lambda self, __a=1: __a  # noqa: E731
    comp = [__i for __i in range(3)]


print(Params().g(), Params._Params__Inner().m(), Params.__annotations__)
print(Params.comp, Params.lam.__code__.co_varnames)


class Specials:
    __dunder__ = "kept"
    _single = "kept"
    __x = "mangled"

    def names(self):
        return self.__dunder__, self._single, self.__x


print(Specials().names(), sorted(k for k in Specials.__dict__ if "x" in k or "d" in k))


class _:
    __x = 1


class __Leading:
    __x = 1


print([k for k in _.__dict__ if "x" in k], [k for k in __Leading.__dict__ if "x" in k])

__module_level = "module"


class UsesGlobal:
    def read(self):
        global __module_level
        try:
            return __module_level
        except NameError as e:
            return f"NameError: {e}"


print(UsesGlobal().read())


class Imports:
    try:
        import __nosuch
    except ImportError as e:
        print(type(e).__name__, e.name)
    import os.path as __p

    print(__p.__name__, [k for k in list(locals()) if k.endswith("__p")])


class Handlers:
    def run(self):
        try:
            raise ValueError("v")
        except ValueError as __e:
            caught = __e
        match [1, 2]:
            case [__first, *__rest]:
                return caught, __first, __rest


print(Handlers().run())


class O:
    pass


o = O()
setattr(o, "_Q__x", "mangled")
setattr(o, "__x", "plain")


class Q:
    def f(self, o):
        match o:
            case O(__x=v):
                return v


print(Q().f(o))
print(getattr(o, "_Q__x"))


# __slots__ names are mangled as the methods that use them are.
class Slotted:
    __slots__ = ["__s", "plain"]

    def __init__(self):
        self.__s = {1}
        self.plain = 2


s = Slotted()
print(s._Slotted__s, s.plain)
try:
    s.__s = 3
except AttributeError as e:
    print("AttributeError", e)
