# Class and module __annotations__: a class's own (not a base's), made
# empty on first use; built-in classes have none.
class A:
    x: int
class B(A):
    pass
print(B.__annotations__, A.__annotations__)
print('__annotations__' in B.__dict__)
class C:
    pass
print(C.__annotations__, '__annotations__' in C.__dict__)
C.__annotations__['y'] = 1
print(C.__annotations__)
import types
m = types.ModuleType('m')
print(m.__annotations__)
print('__annotations__' in m.__dict__)
del C.__annotations__
print('__annotations__' in C.__dict__)
try:
    del C.__annotations__
except AttributeError as e: print(e)
try:
    print(int.__annotations__)
except AttributeError as e: print(e)
