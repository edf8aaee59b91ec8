# ast on _ast: parse (exec and eval modes) with locations, dump, unparse,
# walk, NodeTransformer, literal_eval, node constructors, SyntaxError.
import ast
src = """
def f(a, b=1, *args, c, **kw) -> int:
    '''doc'''
    x = [i * 2 for i in range(10) if i % 2]
    return a + b if x else -1.5j

class C(Base, metaclass=M):
    @dec
    async def g(self):
        async with a as b:
            await z
match p:
    case [1, *rest] if rest: pass
    case {"k": v, **kw}: pass
    case Point(x=0) | None: pass
print(f"{x!r:>10}", b'\\x00', ...)
"""
tree = ast.parse(src)
print(ast.dump(tree, include_attributes=False)[:600])
print(ast.dump(tree) == ast.dump(ast.parse(src)))
print(ast.unparse(tree))
print(ast.literal_eval("{'a': [1, 2.5, (3, None)], 'b': -4}"))
print(ast.dump(ast.parse("x + 1", mode="eval")))
for node in ast.walk(ast.parse("a = b.c(d)")):
    print(type(node).__name__, end=" ")
print()
class V(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.copy_location(ast.Name(id=node.id.upper(), ctx=node.ctx), node)
print(ast.unparse(V().visit(ast.parse("a = b + c"))))
n = ast.Name("x", ast.Load())
print(n.id, n._fields, ast.BinOp.__mro__[1].__name__, ast.Constant(5).value)
try:
    ast.parse("x = (")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
print(ast.dump(ast.parse("x = f(a, *b, k=1)\nfor i in y:\n    pass\n"), include_attributes=True))
import copy, pickle
t2 = copy.deepcopy(ast.parse("a + 1"))
print(ast.dump(t2), ast.dump(pickle.loads(pickle.dumps(t2))) == ast.dump(t2))
