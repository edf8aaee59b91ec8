# Locals read on paths where they may be unbound: compiled code checks
# exactly the loads that some path reaches without a store (a dataflow
# over jumps), and raises UnboundLocalError there as the interpreter does.


def after_loop(n):
    for i in range(n):
        last = i
    return last


def one_branch(flag):
    if flag:
        y = 1
    return y


def deleted_in_loop(n):
    x = 0
    out = []
    for i in range(n):
        out.append(x)
        if i == 1:
            del x
    return out


def while_else(n):
    while n > 0:
        n -= 1
        seen = n
    else:
        done = True
    return seen, done


def stored_before_loop(n):
    total = 0
    k = 3
    while n:
        total += k
        n -= 1
    return total


for f, args in [
    (after_loop, (3,)),
    (after_loop, (0,)),
    (one_branch, (True,)),
    (one_branch, (False,)),
    (deleted_in_loop, (1,)),
    (deleted_in_loop, (3,)),
    (while_else, (2,)),
    (while_else, (0,)),
    (stored_before_loop, (4,)),
]:
    for _ in range(3):
        try:
            r = f(*args)
        except UnboundLocalError as exc:
            r = "UnboundLocalError: %s" % exc
    print(f.__name__, args, r)
