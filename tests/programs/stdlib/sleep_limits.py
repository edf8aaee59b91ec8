# time.sleep refuses what CPython refuses (NaN, more nanoseconds than 64
# bits hold) instead of sleeping for ever.
import time
for v in [float("nan"), 2**70, -1, 1e300, float("inf"), 2**63 // 10**9 + 1, -2**70, 0, 0.001, False]:
    try:
        time.sleep(v)
        print(v, "slept")
    except (ValueError, OverflowError) as e:
        print(v, type(e).__name__, e)
