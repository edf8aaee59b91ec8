TRANSITIONS = {
    ("idle", "coin"): "ready",
    ("ready", "push"): "vending",
    ("vending", "done"): "idle",
    ("ready", "refund"): "idle",
}
class Machine:
    def __init__(self):
        self.state = "idle"
        self.history = [self.state]
        self.coins = 0
    def fire(self, event):
        key = (self.state, event)
        if key not in TRANSITIONS:
            raise KeyError(f"no transition from {self.state!r} on {event!r}")
        self.state = TRANSITIONS[key]
        self.history.append(self.state)
        if event == "coin":
            self.coins += 1
        return self
m = Machine()
for e in ["coin", "push", "done", "coin", "refund"]:
    m.fire(e)
print(m.state, m.coins, " -> ".join(m.history))
try:
    m.fire("push")
except KeyError as err:
    print("KeyError:", err)
counts = {}
for (src, ev), dst in TRANSITIONS.items():
    counts[src] = counts.get(src, 0) + 1
print(counts, sorted({dst for dst in TRANSITIONS.values()}))
