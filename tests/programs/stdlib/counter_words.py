from collections import Counter
text = """the cat sat on the mat the dog sat on the log and the cat saw the dog"""
words = Counter(text.split())
print(words.most_common(4))
print(sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
letters = Counter(c for c in text if c.isalpha())
print(letters.most_common(3), letters.total(), len(letters))
a, b = Counter("aabbbc"), Counter("abccd")
print(a + b, a - b, b - a, a & b, a | b)
print(sorted((a + b).elements()), Counter({"x": 0, "y": -1}) + Counter(), +Counter({"x": 0, "y": -1, "z": 2}))
inv = Counter({"apple": 3, "pear": 1})
inv.update({"apple": 2, "fig": 4}); inv.subtract(["pear", "pear"])
print(inv, inv["kiwi"], list(inv), inv == Counter(apple=5, fig=4, pear=-1))
