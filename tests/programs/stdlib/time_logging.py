# time's calendar functions and CPython's logging on top of them.
import io
import logging
import time

t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_yday, t.tm_zone, t.tm_gmtoff, t[0:3], len(t))
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j %%", t))
print(time.asctime(t))
print(time.mktime(time.localtime(1700000000)) == 1700000000.0)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 3, 2, 0)))
print(time.strptime("2024-03-05 10:11", "%Y-%m-%d %H:%M"))
print(type(time.timezone).__name__, len(time.tzname), time.daylight in (0, 1))
try:
    time.struct_time((1, 2, 3))
except TypeError as e:
    print("TypeError:", e)

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s|%(name)s|%(message)s"))
log = logging.getLogger("app.db")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.debug("hidden")
log.info("connected to %s:%d", "localhost", 5432)
log.warning("slow query (%.1f s)", 2.5)
try:
    1 / 0
except ZeroDivisionError:
    log.exception("failed")
text = stream.getvalue()
print(text.splitlines()[:3])
print("Traceback" in text, text.rstrip().splitlines()[-1])
child = logging.getLogger("app.db.pool")
print(child.parent is log, child.getEffectiveLevel() == logging.INFO)
logging.basicConfig(format="%(levelname)s:%(message)s")
logging.error("to stderr")
