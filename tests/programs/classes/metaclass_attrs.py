class Meta(type):
    counter = 0
    def __new__(mcls, name, bases, ns, **kwargs):
        Meta.counter += 1
        ns["serial"] = Meta.counter
        ns["options"] = kwargs
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)
    @property
    def label(cls):
        return f"{cls.__name__}#{cls.serial}"
    def create(cls, *args):
        return cls(*args)
class Model(metaclass=Meta, table="models"):
    def __init__(self, x=0):
        self.x = x
class User(Model, table="users"):
    pass
print(Model.serial, User.serial, Model.options, User.options, Model.label, User.label)
u = User.create(5)
print(u.x, type(u).__name__, type(User) is Meta, User.__name__, User.__qualname__)
try:
    u.label
except AttributeError as e:
    print("AttributeError:", e)
def make(name):
    return Meta(name, (Model,), {"extra": True})
Dyn = make("Dyn")
print(Dyn.serial, Dyn.extra, Dyn().x, Dyn.label, issubclass(Dyn, Model))
