samples = ["hello", "héllo wörld", "日本語", "emoji 😀", ""]
for s in samples:
    b = s.encode("utf-8")
    print(len(s), len(b), b, b.decode("utf-8") == s, b.hex()[:16])
print("abc".encode("ascii"), "ÿ".encode("latin-1"), b"\xe9".decode("latin-1"), b"abc".decode("ascii"))
for bad, enc in [("é", "ascii"), ("€", "latin-1")]:
    try:
        bad.encode(enc)
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
try:
    b"\xc3".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError")
print(b"\xff\xfeabc".decode("utf-8", "replace"), b"a\x80b".decode("ascii", "ignore"), str(b"abc", "utf-8"))
