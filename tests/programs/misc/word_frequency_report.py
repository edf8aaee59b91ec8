import string
TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness"""
table = str.maketrans("", "", string.punctuation)
words = TEXT.translate(table).lower().split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
width = max(len(w) for w, _ in ranked[:8])
for w, n in ranked[:8]:
    print(f"{w:<{width}} {n:>3} {'#' * n}")
print(len(words), len(freq), sum(1 for n in freq.values() if n == 1), sorted(w for w, n in freq.items() if n == 1)[:5])
lengths = {}
for w in freq:
    lengths.setdefault(len(w), []).append(w)
print({k: sorted(v) for k, v in sorted(lengths.items())})
