class PluginMeta(type):
    registry = {}
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        if bases:
            key = ns.get("name", name.lower())
            mcls.registry[key] = cls
        return cls
    def __iter__(cls):
        return iter(sorted(cls.registry))
    def __len__(cls):
        return len(cls.registry)
class Plugin(metaclass=PluginMeta):
    def run(self):
        return f"{type(self).__name__} running"
class CSV(Plugin):
    name = "csv"
class Json(Plugin):
    pass
class Yaml(Json):
    pass
print(list(Plugin), len(Plugin), PluginMeta.registry["json"], PluginMeta.registry["csv"]().run())
print([PluginMeta.registry[k]().run() for k in Plugin])
print(type(Yaml).__name__, isinstance(Yaml, PluginMeta), Yaml.__mro__)
