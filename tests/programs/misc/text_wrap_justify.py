def wrap(text, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur); cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines
def justify(line, width):
    words = line.split()
    if len(words) == 1:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(map(len, words))
    q, r = divmod(spaces, gaps)
    return "".join(w + " " * (q + (i < r)) for i, w in enumerate(words[:-1])) + words[-1]
text = "The quick brown fox jumps over the lazy dog while the cat watches from a sunny windowsill nearby"
for width in (20, 32):
    lines = wrap(text, width)
    for l in lines[:-1]:
        print("|" + justify(l, width) + "|")
    print("|" + lines[-1].ljust(width) + "|")
    print()
