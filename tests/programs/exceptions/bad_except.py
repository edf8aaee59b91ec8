# Only exception classes can be caught.
try:
    raise ValueError("v")
except int:
    pass
