count = 0
for ch in "mississippi":
    if ch == "s":
        count += 1
print(count)
out = ""
for ch in "abc":
    out = ch + out
print(out)
print(ord("A"), chr(97), chr(8364), ord("€"))
word = "racecar"
print(word == word[::-1], "level"[::-1], "Python"[-4:-1])
