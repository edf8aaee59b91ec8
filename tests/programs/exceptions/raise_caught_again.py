# Raising a caught exception object again extends its traceback.
def fail():
    raise ValueError("original")


saved = None
try:
    fail()
except ValueError as e:
    saved = e

print("saved", repr(saved))
raise saved
