s = "abc"
for i in range(5):
    print(s[i])
