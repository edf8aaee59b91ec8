# Built-in methods called through their type (method descriptors) and
# bound to values, from module code and from functions (which the JIT
# compiles): the receiver's type is checked either way.
try:
    print(str.upper(5))
except TypeError as e:
    print(e)
print(str.upper("ab"), list.append, int.bit_length(True))


class S(str):
    pass


def f(s):
    return str.upper(s), s.upper(), type(s), len(s), isinstance(s, str)


print(f("xy"))
print(f(S("sub")))
for bad in (3, [1]):
    try:
        f(bad)
    except Exception as e:
        print(type(e).__name__, e)


def g(xs):
    out = []
    for x in xs:
        out.append(type(x).__name__)
        out.append(len(str(x)))
    list.append(out, "end")
    return out


print(g([1, "a", 2.5, None, (1,)]))
