# find/rfind/index/count/startswith/endswith windows as CPython's ADJUST_INDICES
# computes them: a start past the end finds nothing (not even ''), huge
# bounds clip, and argument-count errors in PyArg_ParseTuple's words.
cases = [("aaa", "count", ("", 10)), ("aaa", "count", ("", 3)), ("aaa", "count", ("", 2)), ("abc", "find", ("", 4)),
         ("abc", "find", ("", 3)), ("abc", "rfind", ("", 4)), ("", "endswith", ("", 1, 0)), ("", "startswith", ("", 1, 0)),
         ("abc", "find", ("", 2**70)), ("abc", "find", ("b", -2**70)), ("abc", "find", ("c", 2, 2**70)), ("abc", "index", ("", 3)),
         ("abc", "startswith", ("", 3)), ("abc", "startswith", ("", 4)), ("abc", "endswith", (("x", ""), 1, 2)),
         ("abcabc", "rfind", ("bc", -4, -1)), ("abc", "count", ("", -2**70, 2**70)), ("héllo", "find", ("l", 3)),
         ("a", "find", ("a", 1, 2, 3)), ("a", "count", ()), ("a", "startswith", ()), ("a", "index", ("a", 1, 2, 3))]
for s, m, a in cases:
    try:
        print(repr(s), m, a, getattr(s, m)(*a))
    except (TypeError, ValueError) as e:
        print(repr(s), m, a, type(e).__name__, e)
