# Method calls on native types (deque, array, datetime, itertools,
# operator, re) through LOAD_METHOD: specialised after warm-up, one call
# site meeting several native types with the same method name, keyword
# arguments, dunder methods called by name, and the methods as values.
import array
import datetime
import operator
import re
from collections import deque


def churn(q, n):
    for i in range(n):
        q.append(i)
        if len(q) > 3:
            q.popleft()
    return list(q)


print(churn(deque(), 100), churn(deque(maxlen=2), 50))


def append_all(containers, n):
    # One site, three types whose method is called `append`.
    for i in range(n):
        for c in containers:
            c.append(i)
    return [len(c) for c in containers]


print(append_all([deque(), array.array("i"), []], 40))
print(append_all([array.array("d"), deque([1])], 30))

d = datetime.date(2020, 1, 31)
for i in range(30):
    d = d.replace(day=1 + i % 28)
print(d, d.isoformat(), d.replace(year=1999, month=12).weekday())
t = datetime.timedelta(hours=5)
print([t.total_seconds() for _ in range(3)], datetime.datetime(2000, 1, 1).strftime(fmt := "%Y"))

a = array.array("b", [1, 2, 3])
it = iter(a)
print(it.__next__(), it.__iter__() is it, next(it))
g = operator.itemgetter(1, 0)
print(g.__reduce__()[1], g((5, 6)), [operator.attrgetter("real")(x) for x in (1, 2.5)])
pat = re.compile(r"(\d+)")
print([pat.match(s).group(1) for s in ["12a", "7", "300x"]], pat.sub(repl="#", string="a1b22"))
q = deque([3, 1, 2])
push = q.append
for i in range(5):
    push(i)
print(q, q.count(1), q.index(2), deque.append.__name__)
try:
    q.append(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    q.popleft(x=1)
except TypeError as e:
    print("TypeError", e)
