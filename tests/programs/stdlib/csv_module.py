# csv on _csv: reading (quotes, doubled quotes, embedded newlines and
# delimiters, skipinitialspace, QUOTE_NONNUMERIC), writing with each
# quoting style, dialects, DictReader/DictWriter, errors.
import csv
import io

text = 'name,age,note\r\n"Smith, J",42,"said ""hi"""\r\nDoe,7,"two\nlines"\r\n,,\r\n'
rows = list(csv.reader(io.StringIO(text, newline="")))
print(rows)
r = csv.reader(["a; b ;c", "1; 2;3"], delimiter=";", skipinitialspace=True)
print(list(r), r.line_num, r.dialect.delimiter)
print(list(csv.reader(['1,"x",2.5'], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(["a\\,b,c"], escapechar="\\")))

for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC):
    out = io.StringIO()
    w = csv.writer(out, quoting=quoting)
    w.writerow(["plain", "with,comma", 'quo"te', 3, 4.5, None, "line\nbreak"])
    w.writerows([[1, 2], [""]])
    print(repr(out.getvalue()))
out = io.StringIO()
csv.writer(out, quoting=csv.QUOTE_NONE, escapechar="\\").writerow(["a,b", "c"])
print(repr(out.getvalue()))

csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_ALL, lineterminator="\n")
out = io.StringIO()
csv.writer(out, "pipes").writerow(["x", 1])
print(repr(out.getvalue()), "pipes" in csv.list_dialects(), csv.get_dialect("pipes").delimiter)
csv.unregister_dialect("pipes")

buf = io.StringIO()
dw = csv.DictWriter(buf, fieldnames=["id", "name"])
dw.writeheader()
dw.writerow({"id": 1, "name": "Ann"})
dw.writerows([{"id": 2, "name": "Bob"}])
buf.seek(0)
print([dict(row) for row in csv.DictReader(buf)])

for bad in [lambda: csv.get_dialect("nope"), lambda: list(csv.reader(['a"b'], strict=True)),
            lambda: csv.writer(io.StringIO()).writerow(5), lambda: csv.reader([], delimiter="::"),
            lambda: list(csv.reader([b"bytes"]))]:
    try:
        bad()
    except (csv.Error, TypeError) as e:
        print(type(e).__name__, e)
print(csv.Sniffer().sniff("a;b;c\n1;2;3\n").delimiter)
