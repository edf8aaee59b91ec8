def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    out = []
    for k in range(n + 1):
        if flags[k]:
            out.append(k)
    return out
p = sieve(1000)
print(len(p), p[:10], p[-5:], sum(p))
