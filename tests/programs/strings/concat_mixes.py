# str + str of every mix of ASCII, non-ASCII, astral characters and
# lone surrogates (the concatenation builds the new str in place when
# there are no surrogates to reconcile).
xs = ["", "a", "é", "€x", "\ud800", "\udc80b", "\U0001f600", "\udfff"]
out = []
for a in xs:
    for b in xs:
        s = a + b
        out.append((ascii(s), len(s)))
print(out)
s = "\ud83d" + "\ude00"
print(len(s), ascii(s), s == "\U0001f600")
