# The native _datetime module behind `datetime`: arithmetic, rounding,
# text forms, time zones, comparisons, hashing, pickling and subclasses.
import datetime as dt
import os
import pickle
import time
from datetime import date, datetime, time as dtime, timedelta, timezone, tzinfo

print(date.__module__, dt.MINYEAR, dt.MAXYEAR, dt.UTC is timezone.utc)

# timedelta: normalisation, float rounding (half to even), arithmetic.
print(timedelta(1, 2, 3), repr(timedelta(days=-1, seconds=5)), repr(timedelta()))
print(timedelta(hours=1.5), timedelta(microseconds=0.5), timedelta(microseconds=1.5), timedelta(minutes=-0.25))
print(timedelta(weeks=1, days=-1, hours=25, milliseconds=1500))
print(timedelta(seconds=1) / 3, timedelta(hours=1) // timedelta(minutes=7), timedelta(hours=1) % timedelta(minutes=7))
print(divmod(timedelta(hours=1), timedelta(minutes=7)), timedelta(days=1) / timedelta(hours=5))
print(timedelta(seconds=10) * 2.5, 3 * timedelta(microseconds=7), timedelta(seconds=7) // 2, -timedelta(hours=1), abs(timedelta(hours=-1)))
print(timedelta(days=3, seconds=7).total_seconds(), timedelta.max, timedelta.min, timedelta.resolution)
print(bool(timedelta()), bool(timedelta(microseconds=1)), timedelta(1) > timedelta(0, 86399), timedelta(1) == timedelta(hours=24))
for bad in [lambda: timedelta(days=10**9), lambda: timedelta(1) / 0, lambda: timedelta("1"), lambda: timedelta(1) * "x"]:
    try:
        bad()
    except (OverflowError, ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)

# date
d = date(2004, 2, 29)
print(d, repr(d), d.isocalendar(), d.isocalendar().week, d.weekday(), d.isoweekday(), d.toordinal())
print(d + timedelta(days=400), d - timedelta(days=60), d - date(2000, 1, 1), timedelta(1) + d)
print(d.ctime(), d.strftime("%Y/%m/%d %a %j %%"), format(d, "%d.%m.%Y"), f"{d}", d.timetuple()[:9])
print(date.fromisoformat("2020-W01-3"), date.fromisoformat("20200131"), date.fromordinal(730120), date.fromisocalendar(2004, 53, 6))
print(date.min, date.max, date.resolution, d.replace(day=1), d.replace(year=2005, day=28))
for bad in ["2020-13-01", "2020-1-1", "2020-02-30", "x"]:
    try:
        date.fromisoformat(bad)
    except ValueError as e:
        print("ValueError", e)
for args in [(2000, 2, 30), (0, 1, 1), (2000, 13, 1)]:
    try:
        date(*args)
    except ValueError as e:
        print("ValueError", e)
try:
    date(2000.0, 1, 1)
except TypeError as e:
    print("TypeError", e)
try:
    date.max + timedelta(1)
except OverflowError as e:
    print("OverflowError", e)

# time
t = dtime(12, 30, 5, 1500, tzinfo=timezone.utc)
print(t, repr(t), t.isoformat("milliseconds"), t.isoformat("hours"), t.utcoffset(), t.tzname(), t.dst())
print(dtime.fromisoformat("T12:30:45.5+05:30"), dtime.fromisoformat("123045"), dtime(1, 2, fold=1).fold, repr(dtime(1, 2, 3, fold=1)))
print(dtime(23, 59) > dtime(0, 1), dtime(12, tzinfo=timezone(timedelta(hours=1))) == dtime(11, tzinfo=timezone.utc))
print(dtime(12, 0).strftime("%H:%M:%S %p"), f"{dtime(7, 5):%I.%M}")
try:
    dtime(12) < dtime(12, tzinfo=timezone.utc)
except TypeError as e:
    print("TypeError", e)

# datetime
x = datetime(2020, 1, 2, 3, 4, 5, 6)
print(x, repr(x), x.date(), x.time(), x.isoformat(), x.isoformat(" ", "seconds"), x.ctime())
print(x + timedelta(days=30, microseconds=999_995), x - datetime(2019, 1, 1), x - timedelta(hours=4))
print(datetime.fromisoformat("2011-11-04T00:05:23.283+00:00"), datetime.fromisoformat("20111104T000523"))
print(datetime.fromisoformat("2011-W44-5 12:00-04:30"), datetime.fromisoformat("2011-11-04"))
print(datetime.combine(date(2000, 1, 1), dtime(8, 30)), datetime.strptime("2020-05-06 07:08", "%Y-%m-%d %H:%M"))
print(f"{x:%H:%M %f}", x.timetuple()[:6], x.utctimetuple()[:6], datetime.max, datetime.min)
a = datetime(2020, 1, 1, 12, tzinfo=timezone(timedelta(hours=2), "X"))
print(a, repr(a), a.astimezone(timezone.utc), a.utcoffset(), a.tzname(), a.timestamp())
print(datetime.fromtimestamp(0, timezone.utc), datetime.utcfromtimestamp(1e9 + 0.5), datetime.fromtimestamp(1.5e9, timezone(timedelta(hours=-3))))
print(a == datetime(2020, 1, 1, 10, tzinfo=timezone.utc), a - datetime(2020, 1, 1, tzinfo=timezone.utc))
print(datetime(2000, 1, 1) == date(2000, 1, 1), date(2000, 1, 1) == datetime(2000, 1, 1), datetime(2000, 1, 1) == datetime(2000, 1, 1, tzinfo=timezone.utc))
for bad in [lambda: datetime(2000, 1, 1) < date(2000, 1, 1), lambda: datetime(2000, 1, 1) - a, lambda: datetime(2000, 1, 1) < a]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

# timezone
print(repr(timezone.utc), repr(timezone(timedelta(hours=-5))), str(timezone(timedelta(hours=-5, minutes=-30))))
print(timezone.min, timezone.max, timezone(timedelta(0)) is timezone.utc, timezone(timedelta(0), "Z") == timezone.utc)
print(timezone(timedelta(seconds=3661, microseconds=5)).tzname(None), repr(timezone(timedelta(hours=1), "CET")))
try:
    timezone(timedelta(hours=24))
except ValueError as e:
    print("ValueError", e)

# A tzinfo subclass with a DST rule, and fold.
class Eastern(tzinfo):
    def utcoffset(self, d):
        return timedelta(hours=-5) + self.dst(d)
    def dst(self, d):
        if d is None:
            return timedelta(0)
        start = datetime(d.year, 3, 8, 2) + timedelta(days=(6 - datetime(d.year, 3, 8).weekday()) % 7)
        end = datetime(d.year, 11, 1, 1) + timedelta(days=(6 - datetime(d.year, 11, 1).weekday()) % 7)
        naive = d.replace(tzinfo=None)
        return timedelta(hours=1) if start <= naive < end - timedelta(hours=d.fold) else timedelta(0)
    def tzname(self, d):
        return "EDT" if self.dst(d) else "EST"

east = Eastern()
u = datetime(2020, 11, 1, 5, 30, tzinfo=timezone.utc)
for k in range(3):
    local = (u + timedelta(hours=k)).astimezone(east)
    print(local, local.tzname(), local.fold)
print(datetime(2020, 7, 4, 12, tzinfo=east).strftime("%Y-%m-%d %H:%M %Z %z"))

# Hashing, dict keys, sorting.
keys = {date(2000, 1, 1): "d", datetime(2000, 1, 1, 12): "dt", timedelta(1): "td", dtime(1): "t"}
print(keys[date(2000, 1, 1)], keys[datetime(2000, 1, 1, 12)], keys[timedelta(hours=24)], keys[dtime(1)])
print(len({datetime(2000, 1, 1, 12, tzinfo=timezone.utc), datetime(2000, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))}))
print(sorted([date(2001, 1, 1), date(1999, 5, 5), date(2000, 2, 2)]), max(timedelta(1), timedelta(2)))
print((date(2000, 1, 1), 1) == (date(2000, 1, 1), 1), [datetime(2000, 1, 1)] == [datetime(2000, 1, 1)])

# Pickling and copying, protocols 0 to 5.
for proto in range(6):
    objs = [x, a, d, t, timedelta(3, 4, 5), timezone(timedelta(hours=3), "Z3"), dtime(1, fold=1)]
    back = pickle.loads(pickle.dumps(objs, proto))
    print(proto, back == objs, [type(o).__name__ for o in back][:3], back[-1].fold)

# Subclasses keep their class through arithmetic and factories.
class MyDate(date):
    def double_day(self):
        return self.day * 2

class MyDateTime(datetime):
    def __new__(cls, *args, **kwargs):
        return super().__new__(cls, *args, **kwargs)

m = MyDate(2000, 1, 15)
print(type(m + timedelta(1)).__name__, m.double_day(), type(MyDate.fromordinal(5)).__name__, repr(m), m.replace(day=3))
md = MyDateTime(2000, 1, 1, 12)
print(type(md + timedelta(1)).__name__, type(MyDateTime.fromisoformat("2000-01-01")).__name__, md == datetime(2000, 1, 1, 12))
print(pickle.loads(pickle.dumps(md)).__class__.__name__, hash(md) == hash(datetime(2000, 1, 1, 12)))

# Local time through the C library, with a fixed TZ.
os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"
time.tzset()
print(datetime.fromtimestamp(0), datetime(2020, 7, 1).timestamp(), datetime(2020, 1, 1).astimezone())
print(datetime(2020, 11, 1, 1, 30).timestamp(), datetime(2020, 11, 1, 1, 30, fold=1).timestamp())
print(datetime.fromtimestamp(1604208600), datetime.fromtimestamp(1604212200).fold)
