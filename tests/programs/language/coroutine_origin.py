# sys.set_coroutine_origin_tracking_depth: cr_origin records where each
# coroutine was made, and the never-awaited warning shows it.
import sys, warnings
async def corofn():
    pass
print(sys.get_coroutine_origin_tracking_depth())
c = corofn(); print(c.cr_origin); c.close()
sys.set_coroutine_origin_tracking_depth(1)
c = corofn(); print(c.cr_origin); c.close()
def nested():
    return corofn()
sys.set_coroutine_origin_tracking_depth(2)
c = nested(); print(c.cr_origin); c.close()
sys.set_coroutine_origin_tracking_depth(100)
c = nested(); print(c.cr_origin); c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e: print(e)
print(sys.get_coroutine_origin_tracking_depth())
def a1(): return corofn()
def a2(): return a1()
sys.set_coroutine_origin_tracking_depth(2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    a2()
    print(str(w[0].message))
