text = "the quick brown fox jumps over the lazy dog the end"
counts = {}
for w in ["the", "quick", "the", "fox", "the", "dog"]:
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
print(counts)
letters = {}
for ch in text:
    if ch != " ":
        letters[ch] = letters.get(ch, 0) + 1
best = None
for k in letters:
    if best is None or letters[k] > letters[best]:
        best = k
print(best, letters[best], len(letters))
