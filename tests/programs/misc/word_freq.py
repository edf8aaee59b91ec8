text = "a b c a b a d e a c"
words = []
cur = ""
for ch in text + " ":
    if ch == " ":
        if cur:
            words.append(cur)
        cur = ""
    else:
        cur += ch
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
items = []
for k in freq:
    items.append((-freq[k], k))
items.sort()
for negc, k in items:
    print(k, -negc)
