cases = [
    lambda: len(5),
    lambda: abs("x"),
    lambda: [1, 2] + (3,),
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: [][0],
    lambda: {}[0],
    lambda: (1,)[5],
    lambda: "abc"[10],
    lambda: int("1.5"),
    lambda: float("abc"),
    lambda: chr(-1),
    lambda: ord("ab"),
    lambda: sum(["a", "b"]),
    lambda: max([]),
    lambda: divmod(1, 0),
    lambda: 1 % 0,
    lambda: 2.0 / 0,
    lambda: [1, 2, 3].index(9),
    lambda: None.attr,
    lambda: (1).foo,
    lambda: sorted([1, "a"]),
    lambda: hash([]),
    lambda: iter(None),
    lambda: next(iter([])),
    lambda: getattr(object(), "x"),
    lambda: range(1, 2, 0),
    lambda: "x" * -1 + "y" * 1.5,
]
for i, c in enumerate(cases):
    try:
        r = c()
        print(i, "ok", r)
    except Exception as e:
        print(i, type(e).__name__, e)
