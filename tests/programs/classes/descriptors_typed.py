class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
        self.public = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.public} must be {self.kind.__name__}, not {type(value).__name__}")
        setattr(obj, self.name, value)
class Positive(Typed):
    def __set__(self, obj, value):
        super().__set__(obj, value)
        if value <= 0:
            raise ValueError(f"{self.public} must be positive")
class Product:
    name = Typed(str)
    price = Positive(float)
    qty = Positive(int)
    def __init__(self, name, price, qty):
        self.name, self.price, self.qty = name, price, qty
    def total(self):
        return self.price * self.qty
p = Product("pen", 1.5, 4)
print(p.name, p.price, p.qty, p.total(), type(Product.price).__name__, Product.qty.public, vars(p))
for bad in [("name", 5), ("price", -1.0), ("qty", 2.5)]:
    try:
        setattr(p, *bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class Counter:
    def __init__(self):
        self.reads = 0
    def __get__(self, obj, owner):
        self.reads += 1
        return self.reads
class Host:
    hits = Counter()
h = Host(); print(h.hits, h.hits, Host.hits, h.__dict__)
