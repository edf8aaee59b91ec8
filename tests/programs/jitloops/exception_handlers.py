"""Functions with exception handlers, hot enough to be compiled: an
exception a handler catches leaves compiled code in the middle of an
expression (values of the enclosing loop and expression on the stack)
and the frame goes on in the interpreter at the handler, then comes back
into compiled code at the loop header. Tracebacks, contexts, finally
blocks, with blocks and locals left unbound by a handler's path must be
exactly the interpreter's."""

import sys
import traceback


class Odd(Exception):
    pass


def check(i):
    if i % 3 == 0:
        raise Odd(i)
    return i


def mid_expression(n):
    # Raises with `total`, the loop's iterator and a partial sum on the
    # stack; the handler unwinds to the loop's depth.
    total = 0
    for i in range(n):
        try:
            total += 10 * check(i) + (i if i % 2 else -i)
        except Odd as e:
            total -= e.args[0]
        finally:
            total += 1
    return total


def lookups(d, keys):
    found = 0
    for k in keys:
        try:
            found += d[k]
        except KeyError:
            found -= 1
    return found


def nested(n):
    out = []
    for i in range(n):
        try:
            try:
                if i % 5 == 0:
                    raise ValueError(i)
                if i % 7 == 0:
                    raise TypeError(i)
                out.append(i)
            except ValueError:
                out.append(-i)
        except TypeError as e:
            out.append(("T", e.args[0]))
    return out


class Guard:
    entered = 0
    exited = 0

    def __init__(self, swallow):
        self.swallow = swallow

    def __enter__(self):
        Guard.entered += 1
        return self

    def __exit__(self, kind, value, tb):
        Guard.exited += 1
        return self.swallow and kind is not None


def with_blocks(n):
    total = 0
    for i in range(n):
        with Guard(True) as g:
            total += i
            if i % 4 == 0:
                raise RuntimeError("swallowed")
            total += 1
    try:
        with Guard(False):
            raise KeyError("passes through")
    except KeyError as e:
        total += len(e.args[0])
    return total


def unbound_after_handler(fail):
    try:
        if fail:
            raise Odd(0)
        x = 5
    except Odd:
        pass
    out = 0
    for i in range(300):
        try:
            out += x
        except UnboundLocalError:
            out -= 1
    return out


def loop_in_handler(n):
    try:
        raise Odd(n)
    except Odd as e:
        s = 0
        for i in range(e.args[0]):
            s += i
    return s


def returns_through_finally(i):
    try:
        if i % 2:
            return "odd"
        check(i)
        return "even"
    except Odd:
        return "three"
    finally:
        i += 100


def breaks_and_continues(n):
    seen = []
    for i in range(n):
        try:
            if i % 3 == 0:
                continue
            if i > n - 3:
                break
            seen.append(i)
        finally:
            seen.append(-1)
    return len(seen), sum(seen)


def context_chain():
    try:
        check(0)
    except Odd:
        try:
            {}["missing"]
        except KeyError as e:
            return type(e.__context__).__name__, e.__context__.args


def reraise_with_traceback():
    try:
        check(3)
    finally:
        pass


print(mid_expression(2000))
print(lookups({1: 2, 3: 4, 5: 6}, list(range(2000))))
print(nested(300)[:12], len(nested(300)))
print(with_blocks(1000), Guard.entered, Guard.exited)
print(unbound_after_handler(True), unbound_after_handler(False))
for _ in range(300):
    r = loop_in_handler(50)
print(r)
print([returns_through_finally(i) for i in range(400)][:6])
print(breaks_and_continues(500))
for _ in range(250):
    c = context_chain()
print(c)

# The traceback of an exception that leaves a compiled frame with
# handlers (through its finally) names every frame and line.
for _ in range(250):
    try:
        reraise_with_traceback()
    except Odd:
        pass
try:
    reraise_with_traceback()
except Odd:
    traceback.print_exc(file=sys.stdout)
