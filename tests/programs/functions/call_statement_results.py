# A call made as a statement: its result is released at once (before the
# next statement runs), for Python functions, methods, built-ins and
# list.append, in every tier.

class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("  released", self.tag)

def make(tag):
    return Noisy(tag)

class Maker:
    def make(self, tag):
        return Noisy(tag)

def run():
    m = Maker()
    for i in range(3):
        make("f%d" % i)
        print("after function call", i)
        m.make("m%d" % i)
        print("after method call", i)
    lst = []
    lst.append(1)
    print("after append", lst)
    max([Noisy("b")], key=id)
    print("after built-in call")
    kept = make("kept")
    print("kept", kept.tag)

run()
print("done")
