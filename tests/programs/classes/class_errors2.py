class B:
    def __init__(self, x):
        self.x = x

print(B(1).x)
B()
