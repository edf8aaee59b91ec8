import operator
OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "^": operator.pow}
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}
def tokenize(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit() or ch == ".":
            num += ch
        else:
            if num:
                out.append(float(num) if "." in num else int(num)); num = ""
            if ch in OPS or ch in "()":
                out.append(ch)
            elif not ch.isspace():
                raise SyntaxError(f"bad char {ch!r}")
    if num:
        out.append(float(num) if "." in num else int(num))
    return out
def to_rpn(tokens):
    out, stack = [], []
    for t in tokens:
        if isinstance(t, (int, float)):
            out.append(t)
        elif t == "(":
            stack.append(t)
        elif t == ")":
            while stack[-1] != "(":
                out.append(stack.pop())
            stack.pop()
        else:
            while stack and stack[-1] != "(" and (PREC[stack[-1]] > PREC[t] or (PREC[stack[-1]] == PREC[t] and t != "^")):
                out.append(stack.pop())
            stack.append(t)
    return out + stack[::-1]
def evaluate(rpn):
    st = []
    for t in rpn:
        if isinstance(t, str):
            b, a = st.pop(), st.pop(); st.append(OPS[t](a, b))
        else:
            st.append(t)
    return st[0]
for expr in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "10 / 4 - 1.5", "((7))", "2 * (3 + 4) ^ 2"]:
    rpn = to_rpn(tokenize(expr))
    print(expr, "=>", rpn, "=", evaluate(rpn))
for bad in ["1 / 0", "2 $ 3"]:
    try:
        print(evaluate(to_rpn(tokenize(bad))))
    except (ZeroDivisionError, SyntaxError) as e:
        print(type(e).__name__, e)
