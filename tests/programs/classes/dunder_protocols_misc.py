class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents / 100:.2f})"
    def __str__(self):
        return f"${self.cents / 100:,.2f}"
    def __format__(self, spec):
        return format(self.cents / 100, spec or ".2f")
    def __int__(self):
        return self.cents // 100
    def __float__(self):
        return self.cents / 100
    def __index__(self):
        return self.cents
    def __round__(self, n=0):
        return Money(round(self.cents, n - 2))
    def __bool__(self):
        return self.cents != 0
    def __len__(self):
        return len(str(self.cents))
    def __call__(self, factor):
        return Money(self.cents * factor)
    def __contains__(self, x):
        return x <= self.cents
m = Money(123456)
print(repr(m), str(m), f"{m}", f"{m:>12,.1f}", int(m), float(m), round(m), bool(Money(0)), len(m), m(2), 500 in m)
print([10, 20, 30][Money(1)], hex(Money(255)), bin(Money(5)), "ab" * Money(2), range(Money(3)))
print("%s %r" % (m, m), "{} {!r}".format(m, m), [m], {"k": m}, (m,))
