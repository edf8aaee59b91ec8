# A coroutine dropped without being awaited warns (RuntimeWarning through
# warnings._warn_unawaited_coroutine) at the line that dropped it; the
# warning filters apply to it like any other.
import warnings


async def job(n):
    return n


def forget():
    job(1)
    print("after the forgotten call")


forget()
c = job(2)
del c
print("after del")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    job(3)
    print(len(caught), caught[0].category.__name__, caught[0].message)
    print(caught[0].lineno, caught[0].source.__qualname__)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    job(4)
    print("ignored")

# An awaited coroutine, and a closed one, do not warn.
c = job(5)
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
del c
c = job(6)
c.close()
del c
print("end")
