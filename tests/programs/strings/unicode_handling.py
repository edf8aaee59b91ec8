s = "naïve café 日本 😀"
print(len(s), s.upper(), s[6:10], s[-1], s.find("日"), s.encode("utf-8")[:8], len(s.encode("utf-8")))
print([ord(c) for c in "aé日😀"], "".join(chr(c) for c in [72, 233, 0x65E5]), ascii(s), repr("tab\tnew\n"))
print(sorted("éaèb"), "straße".upper(), "İ".lower() == "i̇", "ǅ".upper(), s.split(), s.title())
print("日本語".center(9, "*"), "日本".ljust(5, "-"), f"{'é':>3}|", "%5s|" % "ü", "x\u00e9y", "\N{GREEK SMALL LETTER ALPHA}")
print("e\u0301" == "é", len("e\u0301"), "é".isalpha(), "٣".isdigit(), "Ⅻ".isnumeric())
