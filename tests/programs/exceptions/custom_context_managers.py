class Timer:
    depth = 0
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Timer.depth += 1
        print("  " * Timer.depth + f"enter {self.name}")
        return self
    def __exit__(self, et, ev, tb):
        print("  " * Timer.depth + f"exit {self.name} ({et.__name__ if et else None})")
        Timer.depth -= 1
        return et is KeyError
with Timer("outer") as t:
    with Timer("inner"):
        print("work in", t.name)
    with Timer("suppressing"):
        raise KeyError("hidden")
    print("after suppressed")
try:
    with Timer("failing"):
        raise ValueError("visible")
except ValueError as e:
    print("caught", e)
class Transaction:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.snapshot = list(self.log)
        return self.log
    def __exit__(self, et, ev, tb):
        if et is not None:
            self.log[:] = self.snapshot
        return True
log = [1]
with Transaction(log) as l:
    l.append(2)
with Transaction(log) as l:
    l.append(3)
    raise RuntimeError
print(log)
