import json, textwrap
print(json.dumps({"a": [1, 2.5, None, True], "b": "x\u00e9\n"}), json.dumps([1, {"k": "v"}], indent=2, sort_keys=True))
print(json.loads('{"a": [1, 2.5, null, true, "\\u00e9"], "n": -3e2}'))
print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 3, width=30))
print(textwrap.dedent("   a\n   b\n"), textwrap.shorten("Hello   world  again", 12))
