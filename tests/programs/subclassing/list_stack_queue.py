class Stack(list):
    def push(self, x):
        self.append(x)
        return self
    def peek(self):
        if not self:
            raise IndexError("peek from empty stack")
        return self[-1]
s = Stack()
s.push(1).push(2).push(3)
print(s, s.peek(), s.pop(), len(s), s == [1, 2], isinstance(s, list))
try:
    Stack().peek()
except IndexError as e:
    print("IndexError:", e)
class SortedList(list):
    def __init__(self, items=()):
        super().__init__(sorted(items))
    def add(self, x):
        import bisect
        bisect.insort(self, x)
sl = SortedList([5, 1, 4])
sl.add(3); sl.add(0)
print(sl, sl[0], sl[-1], sl[1:3], type(sl[1:3]).__name__, 4 in sl)
print(sorted(Stack([3, 1, 2])), list(reversed(sl)), sum(sl), sl.index(4), sl.count(1))
