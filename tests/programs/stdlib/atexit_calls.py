import atexit
def bye(who, punct="!"):
    print("bye", who + punct)
class Bad:
    def __call__(self):
        raise ValueError("oops")
    def __repr__(self):
        return "Bad()"
atexit.register(bye, "world")
atexit.register(Bad())
@atexit.register
def first():
    print("first")
atexit.register(bye, "kw", punct="?")
atexit.unregister(first)
print("main done")
