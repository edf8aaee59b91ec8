print(...)
print(... is Ellipsis, type(...).__name__, repr(Ellipsis))
x = ...
print(x == None, x is ...)
def f(): ...
print(f())
it = iter([3, 2, 1, 0, 5].pop, 1)
print(list(it))
r = range(10, 0, -3)
print(r.start, r.stop, r.step, r.index(4), r.count(7), r.count(8), list(r))
try:
    r.index(5)
except ValueError as e:
    print(e)
print(slice(None, 5).indices(10), slice(-3, None, -1).indices(10), [0,1,2,3,4,5][slice(1, None, 2)])
print(len.__name__, print.__qualname__, [].append.__name__, callable(str.upper), callable(1))
