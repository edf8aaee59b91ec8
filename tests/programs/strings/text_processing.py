text = """Alice was beginning to get very tired of sitting by her sister on the
bank, and of having nothing to do: once or twice she had peeped into the
book her sister was reading, but it had no pictures or conversations in it."""
lines = text.splitlines()
print(len(lines), [len(l) for l in lines], lines[1].split(", "))
words = [w.strip(".,:").lower() for w in text.split()]
print(len(words), len(set(words)), max(words, key=len), sorted(set(w for w in words if len(w) > 7)))
print(text.count("her"), text.find("sister"), text.rfind("sister"), text.index("book"), "pictures" in text)
print(" ".join(w.capitalize() for w in words[:6]), "-".join(reversed(words[:4])), words[0].title(), text[:5].upper())
caps = sum(1 for c in text if c.isupper()); vowels = sum(c in "aeiou" for c in text.lower())
print(caps, vowels, text.replace("sister", "SISTER", 1)[60:90].strip(), text.partition(":")[0][-12:])
print(lines[0].ljust(80, ".")[-10:], lines[0][:10].rjust(15, "*"), lines[2][:8].center(14, "~"), "42".zfill(6), "-42".zfill(6))
