# A large function run once (a program's main) is compiled when one of
# its loops gets hot, from that loop on: the phases before it, which the
# frame will not run again, are left out (exits to the interpreter).
# Checked: values carried from an earlier phase into the compiled loop
# and the ones after it, an exception raised and caught in a later
# phase, and the same function called again, entering at the top where
# the compiled code leaves for the interpreter at once.


def main(n, label):
    if n < 0:
        pad = [n ^ 0, n ^ 1, n ^ 2, n ^ 3, n ^ 4, n ^ 5, n ^ 6, n ^ 7, n ^ 8, n ^ 9, n ^ 10, n ^ 11, n ^ 12, n ^ 13, n ^ 14, n ^ 15, n ^ 16, n ^ 17, n ^ 18, n ^ 19, n ^ 20, n ^ 21, n ^ 22, n ^ 23, n ^ 24, n ^ 25, n ^ 26, n ^ 27, n ^ 28, n ^ 29, n ^ 30, n ^ 31, n ^ 32, n ^ 33, n ^ 34, n ^ 35, n ^ 36, n ^ 37, n ^ 38, n ^ 39, n ^ 40, n ^ 41, n ^ 42, n ^ 43, n ^ 44, n ^ 45, n ^ 46, n ^ 47, n ^ 48, n ^ 49, n ^ 50, n ^ 51, n ^ 52, n ^ 53, n ^ 54, n ^ 55, n ^ 56, n ^ 57, n ^ 58, n ^ 59, n ^ 60, n ^ 61, n ^ 62, n ^ 63, n ^ 64, n ^ 65, n ^ 66, n ^ 67, n ^ 68, n ^ 69]
        return pad
    # Phase 1: too short to be compiled on its own.
    first = []
    for i in range(20):
        first.append(i * 7777777 % 1000)
    carried = sum(first)
    # Phase 2: hot; the code is compiled from its loop on.
    total = 0
    for i in range(n):
        total += (i * 5555555 + carried) % 97
    # Phase 3: runs after the compiled loop (left out then, run later).
    words = {}
    for i in range(n // 4):
        key = label + str(i % 13)
        words[key] = words.get(key, 0) + i
    # Phase 4: an exception raised and caught in the loop (int() of a
    # text that is no number, every 50th time).
    caught = 0
    for i in range(n // 8):
        text = str(i) if i % 50 else "x" + str(i)
        try:
            total += int(text)
        except ValueError as e:
            caught += len(str(e))
    return carried, total, sorted(words.items())[:3], caught


print(main(4000, "w"))
print(main(300, "v"))
print(main(10, "u"))
