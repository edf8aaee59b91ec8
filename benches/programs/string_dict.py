"""String-and-dict benchmark: word frequencies, an inverted index and
string building over generated text (str methods, dict get/setdefault,
sorting by key, joins, f-strings)."""

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
         "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"]


def make_text(n):
    out = []
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        w = WORDS[x % len(WORDS)]
        if x % 7 == 0:
            w = w.upper()
        elif x % 5 == 0:
            w = w.capitalize()
        out.append(w)
        if x % 11 == 0:
            out.append("\n")
    return " ".join(out)


def main():
    text = make_text(60000)
    counts = {}
    index = {}
    for lineno, line in enumerate(text.split("\n")):
        for word in line.split():
            key = word.lower().strip()
            counts[key] = counts.get(key, 0) + 1
            index.setdefault(key, []).append(lineno)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print(top)
    print(len(index), sum(len(v) for v in index.values()))
    report = []
    for word in sorted(index):
        lines = index[word]
        report.append(f"{word:>10}: {len(lines):6d} first={lines[0]} last={lines[-1]}")
    print("\n".join(report[:3]))
    acronyms = {}
    for word in text.split():
        acronyms[word[:2]] = acronyms.get(word[:2], "") + word[-1]
    print(len(acronyms), sum(len(v) for v in acronyms.values()))
    joined = "-".join(w.replace("a", "4").replace("e", "3") for w in WORDS * 200)
    print(len(joined), joined.count("4"), joined.find("omeg4"))


main()
