# Iterators have __iter__ and __next__ in their types' dicts (and
# __length_hint__ for those over built-in containers), so bound
# __next__ methods work as in CPython.
for it in [map(abs, [-1]), zip([1], [2]), enumerate("a"), filter(None, [1]),
           iter(lambda: 1, 2), reversed([1]), iter([1]), iter({1: 2}), iter({1}),
           iter("a"), iter(range(2)), iter((1,)), iter({}.items())]:
    try:
        print(type(it).__name__, it.__next__(), it.__iter__() is it,
              hasattr(it, "__length_hint__"))
    except Exception as e:
        print(type(it).__name__, type(e).__name__, e)

lines = iter(["a\n", "b\n"])
readline = lines.__next__
print(readline(), readline(), end="")
try:
    readline()
except StopIteration as e:
    print("StopIteration", e.args)
it = iter([1, 2, 3, 4])
next(it)
print(it.__length_hint__(), iter(range(10)).__length_hint__(), iter("héllo").__length_hint__())
r = reversed([1, 2, 3])
next(r)
print(r.__length_hint__(), list(r))
print(type(iter([])).__next__(iter([5])))
