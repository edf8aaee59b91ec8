# Methods of native types (collections.deque) quicken as built-in types'
# do: LOAD_METHOD_NO_DICT keeps the method of the object's class, and
# CALL_NO_KW_METHOD_DESCRIPTOR_FAST calls it with the object as receiver.
from collections import deque


def work(n):
    q = deque()
    for i in range(n):
        q.append(i)
        q.popleft()
    return len(q)


print(work(100))
