def make_class(prefix):
    class Tagged:
        count = 0
        def __init__(self, value):
            Tagged.count += 1
            self.value = value
        def __repr__(self):
            return f"{prefix}:{self.value}"
        @classmethod
        def make(cls, *vals):
            return [cls(v) for v in vals]
    return Tagged
A = make_class("A")
B = make_class("B")
print(A.make(1, 2), B.make(3), A.count, B.count, A is not B, A.__name__, A.__qualname__)
def counter_class():
    total = 0
    class C:
        def bump(self):
            nonlocal total
            total += 1
            return total
    return C
C = counter_class()
c1, c2 = C(), C()
print(c1.bump(), c2.bump(), c1.bump())
