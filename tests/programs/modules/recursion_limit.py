# sys.setrecursionlimit raises the limit; recursion beyond it is a RecursionError.
import sys
print(sys.getrecursionlimit())
sys.setrecursionlimit(20000)
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(15000), sys.getrecursionlimit())
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("caught:", e)
