import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(string.capwords("the quick  brown fox"), string.capwords("a-b-c", "-"))
def caesar(text, k):
    lower, upper = string.ascii_lowercase, string.ascii_uppercase
    out = []
    for ch in text:
        if ch in lower:
            out.append(lower[(lower.index(ch) + k) % 26])
        elif ch in upper:
            out.append(upper[(upper.index(ch) + k) % 26])
        else:
            out.append(ch)
    return "".join(out)
msg = caesar("Hello, World!", 3)
print(msg, caesar(msg, -3))
print(sum(c in string.punctuation for c in "a,b.c!"), all(c in string.hexdigits for c in "dead beef".replace(" ", "")))
