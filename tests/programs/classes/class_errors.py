# Errors from calls and operators on instances.
class A:
    pass


class B:
    def __init__(self, x):
        self.x = x

    def __len__(self):
        return -1


print(type(A()).__name__)
try_calls = [A, B]
b = B(1)
print(b.x)
print(A() + 1)
