class Widget:
    count = 0
    registry = []
    def __init__(self, name):
        Widget.count += 1
        self.name = name
        self.registry.append(name)
    @classmethod
    def create_many(cls, *names):
        return [cls(n) for n in names]
    @staticmethod
    def describe():
        return f"{Widget.count} widgets"
class Button(Widget):
    count = 100
    def __init__(self, name):
        super().__init__(name)
        type(self).count += 1
ws = Widget.create_many("a", "b")
bs = Button.create_many("ok", "cancel")
print(Widget.count, Button.count, Widget.registry, Widget.describe(), Button.describe(), type(bs[0]).__name__)
w = ws[0]
w.count = 99
print(w.count, Widget.count, "count" in vars(w), "count" in Widget.__dict__)
del w.count
print(w.count, getattr(w, "missing", "default"), hasattr(Button, "create_many"))
Widget.color = "red"
print(w.color, bs[0].color, Button.color)
