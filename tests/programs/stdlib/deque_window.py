from collections import deque
def moving_average(seq, n):
    window = deque(maxlen=n)
    total = 0
    out = []
    for x in seq:
        if len(window) == n:
            total -= window[0]
        window.append(x)
        total += x
        if len(window) == n:
            out.append(total / n)
    return out
print(moving_average([1, 2, 3, 4, 5, 6, 7, 8], 3))
def sliding_max(seq, k):
    dq = deque(); out = []
    for i, x in enumerate(seq):
        while dq and seq[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(seq[dq[0]])
    return out
print(sliding_max([1, 3, -1, -3, 5, 3, 6, 7], 3))
d = deque(range(10))
d.rotate(3); print(d)
d.rotate(-5); print(d, d.maxlen)
last = deque("abcdef", maxlen=3); print(last, list(last), "".join(reversed(last)))
