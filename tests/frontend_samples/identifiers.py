# Non-ASCII identifiers, normalised with NFKC.
café = 1
ﬁle = 2
π = 3.14159
名前 = "name"
Ωmega_2 = café + ﬁle
def naïve(ŝ): return ŝ
print(naïve(名前), π)
