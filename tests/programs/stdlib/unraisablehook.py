# sys.unraisablehook gets the exceptions nothing can catch (here from
# __del__ and from the "never awaited" warning); a failing hook is
# reported by the default one.
import sys
import warnings


class D:
    def __del__(self):
        raise ValueError("in del")


seen = []


def hook(u):
    seen.append((u.exc_type.__name__, str(u.exc_value), u.err_msg,
                 type(u.object).__name__, u.exc_traceback is not None))


print(sys.unraisablehook is sys.__unraisablehook__)
sys.unraisablehook = hook
d = D()
del d
print(seen)
print(type(seen and sys.__unraisablehook__).__name__)


class BadHook:
    def __call__(self, u):
        raise KeyError("hook broke")

    def __repr__(self):
        return "<BadHook>"


sys.unraisablehook = BadHook()
d = D()
del d
sys.stderr.flush()


async def corofn():
    pass


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    orig = warnings._warn_unawaited_coroutine
    warnings._warn_unawaited_coroutine = lambda c: 1 / 0
    sys.unraisablehook = hook
    seen.clear()
    c = corofn()
    del c
    warnings._warn_unawaited_coroutine = orig
    sys.unraisablehook = sys.__unraisablehook__
    print(seen, [str(x.message) for x in w])

try:
    sys.__unraisablehook__(1)
except TypeError as e:
    print(e)
