parts = []
for i in range(5):
    parts.append(f"<{i}>")
print("".join(parts), ",".join(map(str, range(5))), "-" * 10, "ab" * 3 + "c")
s = ""
for w in ["alpha", "beta", "gamma"]:
    s += w[0].upper() + w[1:] + " "
print(repr(s.rstrip()), s.count(" "), len(s))
lines = ["name,age", "ann,31", "bob,25"]
header, *body = [l.split(",") for l in lines]
records = [dict(zip(header, row)) for row in body]
print(records, sum(int(r["age"]) for r in records))
table = "\n".join(f"{r['name']:>6}|{r['age']:<4}|" for r in records)
print(table)
print("{}{}".format("a", "b") + "%s" % "c", str(12) + str(3.5) + str(None) + str(True), "x".join("") == "")
words = "the quick brown fox".split()
print(" ".join(w[::-1] for w in words), " ".join(reversed(words)), "".join(w[0] for w in words).upper())
