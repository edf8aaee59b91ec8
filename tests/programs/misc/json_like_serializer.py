def dumps(obj, indent=0, level=0):
    pad = " " * (indent * (level + 1)) if indent else ""
    end = " " * (indent * level) if indent else ""
    nl = "\n" if indent else ""
    sep = "," + nl if indent else ", "
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if isinstance(obj, (int, float)):
        return repr(obj)
    if isinstance(obj, str):
        out = obj.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{out}"'
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return "[" + nl + sep.join(pad + dumps(x, indent, level + 1) for x in obj) + nl + end + "]"
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        return "{" + nl + sep.join(pad + dumps(str(k)) + ": " + dumps(v, indent, level + 1) for k, v in obj.items()) + nl + end + "}"
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
doc = {"name": "taipan", "version": [0, 1], "fast": True, "deps": None, "ratio": 0.25, "note": 'say "hi"\n', "nested": {"a": [], "b": {}}}
print(dumps(doc))
print(dumps(doc, indent=2))
try:
    dumps({1, 2})
except TypeError as e:
    print("TypeError:", e)
