items = [b"banana", b"apple", b"cherry", b"apple2", b""]
print(sorted(items), min(items), max(items), b"apple" < b"apple2", b"b" > b"a" * 10)
d = {b"key": 1, b"other": 2}
print(d[b"key"], b"key" in d, b"nope" in d, len({b"a", b"a", b"b"}))
print(b"abc" == b"abc", b"abc" != b"abd", b"abc" == "abc", b"x" * 0, b"ab" * 3, b"abc"[::-1], b"abcdef"[1::2])
print(b"hello".startswith((b"he", b"x")), b"hello".endswith(b"lo"), b"  pad  ".strip(), b"xxhixx".strip(b"x"), b"a1".isalnum(), b"AB".isupper())
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "little"), (255).to_bytes(1, "big"), int.from_bytes(b"\x80", "big", signed=True))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
