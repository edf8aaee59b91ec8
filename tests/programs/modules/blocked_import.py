# None in sys.modules blocks an import (test.support's import_fresh_module
# relies on it), for `import` and `from ... import` alike.
import sys

sys.modules['blocked_mod'] = None
for stmt in ['import blocked_mod', 'from blocked_mod import x', 'import blocked_mod.sub']:
    try:
        exec(stmt)
    except ImportError as e:
        print(type(e).__name__, e)
del sys.modules['blocked_mod']
try:
    import blocked_mod
except ImportError as e:
    print(type(e).__name__, e)

# code.replace and the flags types.coroutine adds.
import types

def gen():
    yield 1

co = gen.__code__.replace(co_name='renamed')
print(co.co_name, gen.__code__.co_name, co.co_flags == gen.__code__.co_flags)
wrapped = types.coroutine(gen)
print(wrapped is gen, bool(gen.__code__.co_flags & 0x100))

async def use():
    return await wrapped()

try:
    use().send(None)
except StopIteration as e:
    print('stop', e.value)
