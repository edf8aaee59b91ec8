def is_palindrome(s):
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]
print([is_palindrome(s) for s in ["A man, a plan, a canal: Panama", "race a car", "", "No 'x' in Nixon"]])
def longest_palindrome(s):
    best = ""
    for center in range(2 * len(s) - 1):
        l, r = center // 2, center // 2 + center % 2
        while l >= 0 and r < len(s) and s[l] == s[r]:
            l -= 1; r += 1
        if r - l - 1 > len(best):
            best = s[l + 1:r]
    return best
print(longest_palindrome("babad"), longest_palindrome("forgeeksskeegfor"))
def kmp_search(text, pat):
    fail = [0] * len(pat); k = 0
    for i in range(1, len(pat)):
        while k and pat[i] != pat[k]:
            k = fail[k - 1]
        if pat[i] == pat[k]:
            k += 1
        fail[i] = k
    hits, k = [], 0
    for i, c in enumerate(text):
        while k and c != pat[k]:
            k = fail[k - 1]
        if c == pat[k]:
            k += 1
        if k == len(pat):
            hits.append(i - k + 1); k = fail[k - 1]
    return hits
print(kmp_search("abababcabababab", "abab"), kmp_search("aaaa", "aa"))
def rle(s):
    out = []
    for c in s:
        if out and out[-1][0] == c:
            out[-1][1] += 1
        else:
            out.append([c, 1])
    return "".join(f"{c}{n}" for c, n in out)
print(rle("aaabccddddd"), rle(""), sorted("listen") == sorted("silent"))
def anagram_groups(words):
    groups = {}
    for w in words:
        groups.setdefault("".join(sorted(w)), []).append(w)
    return sorted(groups.values(), key=lambda g: (-len(g), g))
print(anagram_groups(["eat", "tea", "tan", "ate", "nat", "bat"]))
