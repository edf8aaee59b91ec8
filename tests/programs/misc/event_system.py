class EventBus:
    def __init__(self):
        self.handlers = {}
    def on(self, event):
        def register(fn):
            self.handlers.setdefault(event, []).append(fn)
            return fn
        return register
    def emit(self, event, *args, **kwargs):
        results = []
        for fn in self.handlers.get(event, []):
            try:
                results.append(fn(*args, **kwargs))
            except Exception as e:
                results.append(f"{fn.__name__} failed: {e!r}")
        return results
bus = EventBus()
@bus.on("greet")
def hello(name):
    return f"hello {name}"
@bus.on("greet")
def shout(name):
    return f"HEY {name.upper()}!"
@bus.on("greet")
def broken(name):
    return name / 2
@bus.on("sum")
def total(*nums, start=0):
    return start + sum(nums)
print(bus.emit("greet", "ada"))
print(bus.emit("sum", 1, 2, 3, start=10), bus.emit("nothing"), sorted(bus.handlers), [f.__name__ for f in bus.handlers["greet"]])
