def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], **{"c": 0, "z": 9}))
def pos_only(x, y, /, z=0):
    return x + y + z
print(pos_only(1, 2), pos_only(1, 2, z=3))
for call in [lambda: f(), lambda: f(1), lambda: f(1, c=1, a=2), lambda: pos_only(x=1, y=2), lambda: pos_only(1, 2, 3, 4), lambda: f(1, c=2, **{"c": 3})]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
def kwonly(*, key="k"):
    return key
print(kwonly(), kwonly(key="v"))
try:
    kwonly("positional")
except TypeError as e:
    print("TypeError:", e)
def defaults_shared(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_shared(1), defaults_shared(2), f.__defaults__, f.__kwdefaults__ if hasattr(f, "__kwdefaults__") else None)
