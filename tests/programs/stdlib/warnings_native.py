# warnings through the native _warnings module: locations (stacklevel),
# registries, filters and actions, warn_explicit, the default filters.
import warnings


def f():
    warnings.warn("careful", UserWarning)


f()
f()  # the same warning at the same place: shown once
warnings.warn("dep in __main__", DeprecationWarning)
warnings.warn(RuntimeWarning("an instance"))


def g():
    warnings.warn("one level up", stacklevel=2)


g()

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f()
    f()
    print(len(w), w[0].message, w[0].lineno, w[0].category.__name__)

warnings.filterwarnings("error", "boom")
try:
    warnings.warn("boom here")
except UserWarning as e:
    print("raised", e)
print(warnings.filters[1:])
try:
    warnings.warn("x", int)
except TypeError as e:
    print(e)
warnings.warn_explicit("explicit", UserWarning, "fake.py", 12)
warnings.warn_explicit("explicit", UserWarning, "fake.py", 12, registry={})
reg = {}
warnings.warn_explicit("with a registry", UserWarning, "fake.py", 13, registry=reg)
warnings.warn_explicit("with a registry", UserWarning, "fake.py", 13, registry=reg)
print(sorted(k for k in reg if k != "version"))
warnings.simplefilter("once")
for i in range(3):
    warnings.warn("once only")
warnings.simplefilter("module")
for i in range(2):
    warnings.warn("module once", SyntaxWarning)
warnings.resetwarnings()
warnings.simplefilter("ignore")
warnings.warn("not shown")
print("done")
