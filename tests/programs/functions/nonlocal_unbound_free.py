def outer():
    def inner():
        return x
    print(inner.__name__)
    inner()
    x = 1
outer()
