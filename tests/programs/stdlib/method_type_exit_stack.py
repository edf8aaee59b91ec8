# types.MethodType(function, instance) binds a method, which
# contextlib.ExitStack.enter_context relies on; its argument errors.
import types, contextlib
class A:
    def __init__(self): self.x = 3
def f(self, y): return self.x + y
m = types.MethodType(f, A())
print(m(4), m.__func__ is f, type(m).__name__)
with contextlib.ExitStack() as st:
    class CM:
        def __enter__(self): print("enter"); return 5
        def __exit__(self, *a): print("exit", a); return False
    print(st.enter_context(CM()))
    st.callback(print, "callback")
for bad in [(1, 2), (f, None), (f,)]:
    try: types.MethodType(*bad)
    except TypeError as e: print(e)
