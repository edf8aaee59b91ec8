# str.format_map: named fields from the mapping (a dict subclass's __missing__
# answers), attribute and index lookups, specs; no positional fields.
class D(dict):
    def __missing__(self, k):
        return "<" + k + ">"
print("{a} and {b}".format_map({"a": 1, "b": [2]}), "{x.real} {y[0]}".format_map({"x": 3, "y": "hi"}))
print("{a} {nope}".format_map(D(a=1)), "{a:>5}|".format_map({"a": "r"}))
for t, m in [("{}", {}), ("{0}", {}), ("{k}", {})]:
    try:
        t.format_map(m)
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
