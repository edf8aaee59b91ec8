s = "hello"
t = 'world'
print(s + " " + t, s * 3, len(s), s[0], s[-1], s[1:4], s[::-1], s[::2])
print("ell" in s, "z" in s, "" in s, s == "hello", s != t, s < t)
print(repr(s), repr("it's"), repr('say "hi"'), repr("tab\there"), repr("new\nline"))
print(str(42), str(3.5), str(None), str(True), str([1, "a"]))
u = "héllo wörld ünïcode"
print(len(u), u[1], u[-3:], u.join(["<", ">"]))
print(",".join(["a", "b", "c"]), "".join([]), "-".join("xyz"))
