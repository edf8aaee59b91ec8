import codecs
print("héllo".encode("utf-16"), "héllo".encode("utf-16-le"), "héllo".encode("cp1252"), "€".encode("cp1252"))
print(b"h\xe9llo".decode("cp1252"), "x€y".encode("ascii", "replace"), "x€y".encode("ascii", "backslashreplace"), "x€".encode("latin-1", "xmlcharrefreplace"))
print(codecs.encode("abc", "rot13"), codecs.lookup("UTF8").name, codecs.decode(b"\xff\xfeh\x00i\x00", "utf-16"))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("utf-8", "backslashreplace"))
try:
    b"a\xffb".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
try:
    "aé".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print("é\n\\".encode("unicode_escape"), b"\\u00e9\\n".decode("unicode_escape"), codecs.escape_decode(b"\\x41\\n")[0])
dec = codecs.getincrementaldecoder("utf-8")()
print(dec.decode(b"\xe2\x82"), dec.decode(b"\xac!"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
print(str(b"caf\xc3\xa9", "utf-8"), bytes("ü", "latin-1"), "ß".encode("utf_32_be"))
