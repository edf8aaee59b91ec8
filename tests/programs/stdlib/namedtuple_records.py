from collections import namedtuple
Employee = namedtuple("Employee", "name dept salary")
staff = [Employee("ann", "eng", 120), Employee("bob", "ops", 90), Employee("cy", "eng", 100)]
by_dept = {}
for e in staff:
    by_dept.setdefault(e.dept, []).append(e.name)
print(by_dept, max(staff, key=lambda e: e.salary).name, sum(e.salary for e in staff))
print(sorted(staff, key=lambda e: (e.dept, -e.salary)))
print([e._replace(salary=e.salary + 10) for e in staff if e.dept == "eng"])
Point3 = namedtuple("Point3", ["x", "y", "z"], defaults=[0])
p = Point3(1, 2)
print(p, p._asdict(), Point3._fields, Point3._field_defaults, p.z, Point3(*range(3)), Point3._make("abc"))
print(p == (1, 2, 0), p._replace(z=9) > p, [f for f in p], dict(zip(p._fields, p)))
