from collections import defaultdict
class Item:
    def __init__(self, sku, name, price, tags=()):
        self.sku, self.name, self.price, self.tags = sku, name, price, set(tags)
    def __repr__(self):
        return f"<{self.sku} {self.name} ${self.price:.2f}>"
class Inventory:
    def __init__(self):
        self.items = {}
        self.stock = defaultdict(int)
    def add(self, item, qty=1):
        self.items[item.sku] = item
        self.stock[item.sku] += qty
        return self
    def remove(self, sku, qty=1):
        if self.stock[sku] < qty:
            raise ValueError(f"only {self.stock[sku]} of {sku} left")
        self.stock[sku] -= qty
    def value(self):
        return sum(self.items[s].price * q for s, q in self.stock.items())
    def by_tag(self, tag):
        return sorted((i for i in self.items.values() if tag in i.tags), key=lambda i: i.price)
    def __len__(self):
        return sum(self.stock.values())
    def __contains__(self, sku):
        return self.stock.get(sku, 0) > 0
inv = Inventory()
inv.add(Item("A1", "pen", 1.5, ["office"]), 10).add(Item("B2", "lamp", 25.0, ["home", "office"]), 2).add(Item("C3", "mug", 8.25, ["home"]), 4)
print(len(inv), round(inv.value(), 2), inv.by_tag("office"), inv.by_tag("home"), "A1" in inv)
inv.remove("B2", 2)
print("B2" in inv, len(inv), round(inv.value(), 2))
try:
    inv.remove("C3", 5)
except ValueError as e:
    print("ValueError:", e)
print(sorted(inv.stock.items()), max(inv.items.values(), key=lambda i: i.price))
