# _opcode.stack_effect over every CPython 3.11 opcode (the numbering of
# the library's opcode.py), each argument shape and jump choice, its
# errors, and dis.stack_effect as the library re-exports it.
import _opcode
import dis
import opcode

rows = []
for op in range(256):
    for oparg in ([None] if op < opcode.HAVE_ARGUMENT else [0, 1, 2, 3, 7, 8, 15, 258, 0x1203]):
        for jump in (None, True, False):
            try:
                if oparg is None:
                    e = _opcode.stack_effect(op, jump=jump)
                else:
                    e = _opcode.stack_effect(op, oparg, jump=jump)
            except ValueError as exc:
                e = "ValueError: %s" % exc
            rows.append((opcode.opname[op], oparg, jump, e))
valid = [r for r in rows if not isinstance(r[3], str)]
print(len(rows), len(valid))
by_name = {}
for name, oparg, jump, e in valid:
    by_name.setdefault(name, []).append(e)
for name, effects in by_name.items():
    print(name, *effects)
print(sorted({r[3] for r in rows if isinstance(r[3], str)}))

for args, kw in [((1, 0), {}), ((100,), {}), ((100, 1), {"jump": 2}), ((300,), {}),
                 (("x",), {}), ((100, "y"), {}), ((1,), {"other": 1})]:
    try:
        print(_opcode.stack_effect(*args, **kw))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(dis.stack_effect(opcode.opmap["BUILD_TUPLE"], 3), "stack_effect" in opcode.__all__)
print(_opcode.get_specialization_stats())
