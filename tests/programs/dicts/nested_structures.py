inventory = {
    "fruit": {"apple": {"qty": 5, "price": 0.5}, "pear": {"qty": 0, "price": 0.75}},
    "veg": {"kale": {"qty": 12, "price": 2.0}},
}
total = sum(item["qty"] * item["price"] for cat in inventory.values() for item in cat.values())
print(total, [name for cat in inventory.values() for name, it in cat.items() if it["qty"] == 0])
flat = {f"{c}.{n}": it["qty"] for c, items in inventory.items() for n, it in items.items()}
print(flat, sorted(flat, key=flat.get, reverse=True))
def deep_get(d, path, default=None):
    for key in path.split("."):
        if not isinstance(d, dict) or key not in d:
            return default
        d = d[key]
    return d
print(deep_get(inventory, "fruit.apple.price"), deep_get(inventory, "veg.kale"), deep_get(inventory, "x.y", "none"))
inventory["fruit"]["apple"]["qty"] -= 2
inventory.setdefault("grain", {})["rice"] = {"qty": 1, "price": 3}
print(inventory["fruit"]["apple"], sorted(inventory), len(inventory["grain"]))
matrix = {(i, j): i * j for i in range(3) for j in range(3)}
print(matrix[(2, 2)], sum(matrix.values()), [k for k, v in matrix.items() if v == 2])
