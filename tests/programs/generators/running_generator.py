# A generator cannot resume itself while it runs.
def selfish():
    yield next(me)

me = selfish()
next(me)
