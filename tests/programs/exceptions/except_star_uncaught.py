# An uncaught except* rest: the part no clause handled, as a group.
def g():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
try:
    g()
except* ValueError:
    pass
