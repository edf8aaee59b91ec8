t = (1, 2, 3)
u = 4, 5
e = ()
s = (9,)
print(t, u, e, s, len(t), t[1], t[-1], t[:2], t + u, t * 2)
a, b, c = t
print(a, b, c)
x, y = y, x = 1, 2
print(x, y)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (1,) < (1, 0), 2 in t, t.count(2))
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s1, s2)) = nested
print(p, q, r, s1, s2)
