# The native _json parts (scanstring, encode_basestring[_ascii]): escapes,
# surrogate pairs and lone surrogates, errors with their positions.
import json, json.decoder, json.encoder
print(json.decoder.c_scanstring is not None, json.encoder.c_encode_basestring_ascii is not None)
doc = '{"a": "x\\u00e9\\ud83d\\ude00\\n\\"", "b": ["\\ud800", "\u00e9\u4e2d", 1.5, null, true], "c": "tab\\t/\\/"}'
v = json.loads(doc)
print(ascii(v))
print(json.dumps(v), json.dumps(v, ensure_ascii=False) == json.dumps(v, ensure_ascii=False))
print(ascii(json.dumps(v, ensure_ascii=False)))
for bad in ['"abc', '"a\\x"', '"\\u12"', '"\\u12zz"', '"a\x01"', '["x", "\\', '"\\ud800\\u12"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError', e)
print(json.loads('"a\x01b"', strict=False) == 'a\x01b')
print(json.encoder.encode_basestring_ascii('\x7f\U0001f600"\\'), json.encoder.encode_basestring('\x7f\x1f'))
