# A loop that makes a million self-referencing objects and lists stays in
# flat memory: the cycle collector frees them as they are dropped.


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Node:
    def __init__(self):
        self.me = self


def churn(n):
    for _ in range(n):
        a = []
        a.append(a)
        o = Node()


churn(100000)
before = rss_kib()
churn(1000000)
after = rss_kib()
growth_mib = (after - before) / 1024
print("flat memory:", growth_mib < 16)
