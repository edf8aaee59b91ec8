# itertools and functools (shipped as Python modules): results and order as CPython; reduce of an empty iterable fails.
import itertools
from itertools import count, islice, chain, permutations, combinations, product, groupby, accumulate, zip_longest, cycle, repeat, starmap, takewhile, dropwhile, pairwise, combinations_with_replacement, compress, filterfalse
print(list(islice(count(5, 2), 4)), list(islice("abcdefg", 2, None, 2)), list(islice(range(10), 3)))
print(list(chain([1, 2], "ab", (3,))), list(chain.from_iterable([[1], [2, 3]])))
print(list(permutations("abc", 2)), len(list(permutations(range(4)))), list(combinations(range(4), 2)), list(combinations_with_replacement("ab", 2)))
print(list(product("ab", range(2))), list(product([0, 1], repeat=2)))
print([(k, list(g)) for k, g in groupby("AAABBCAA")], [k for k, _ in groupby([1, 1, 2, 3, 3])])
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=10)))
print(list(zip_longest("ab", [1, 2, 3], fillvalue="-")), list(islice(cycle("xy"), 5)), list(repeat(7, 3)))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 5, 1])))
print(list(pairwise("abcd")), list(compress("abcdef", [1, 0, 1, 0, 1])), list(filterfalse(lambda x: x % 2, range(6))))
import functools
from functools import reduce, partial, lru_cache, cmp_to_key, total_ordering, cache
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(lambda a, b: a + b, [], 0))
base2 = partial(int, base=2)
print(base2("1011"), partial(pow, 2)(10))
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@cache
def sq(n):
    return n * n
print(sq(12), sq(12))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
class C:
    @lru_cache()
    def m(self, x):
        return x * 3
print(C().m(4))
reduce(lambda a, b: a, [])
