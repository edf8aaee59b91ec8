"""Many threads mutating shared lists, dicts and counters under locks
while they make and drop objects, cycles and weak references; the totals
are checked, and every object made is finalized exactly once (none freed
twice, none leaked)."""
import gc
import sys
import threading
import weakref

sys.setswitchinterval(0.0005)
THREADS, ROUNDS = 8, 400

# (Appends are atomic under the interpreter lock; a finalizer must not
# take a lock its thread may hold when a collection runs it.)
made = []
finalized = []


class Node:
    def __init__(self, value):
        self.value = value
        self.children = []
        self.parent = None
        made.append(1)

    def __del__(self):
        finalized.append(1)


shared_list = []
shared_dict = {}
totals = {"sum": 0, "ops": 0}
lock = threading.Lock()
callbacks = []
refs = []


def worker(tid):
    local_sum = 0
    for i in range(ROUNDS):
        # A parent/child cycle, freed only by the collector.
        root = Node(i)
        child = Node(-i)
        child.parent = root
        root.children.append(child)
        ref = weakref.ref(child, lambda r: callbacks.append(tid))
        with lock:
            shared_list.append((tid, i))
            shared_dict[(tid, i)] = root.value + child.value
            totals["sum"] += i
            totals["ops"] += 1
        local_sum += i
        if i % 50 == 0:
            gc.collect()
        with lock:
            refs.append(ref)
        del root, child, ref
        if i % 3 == 0:
            with lock:
                shared_list.pop()
    return local_sum


results = []


def run(tid):
    results.append(worker(tid))


threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
gc.collect()
gc.collect()

expected = THREADS * sum(range(ROUNDS))
popped = THREADS * len(range(0, ROUNDS, 3))
print("sum", totals["sum"] == expected, sum(results) == expected)
print("ops", totals["ops"], len(shared_dict), len(shared_list) == THREADS * ROUNDS - popped)
print("dict values", all(v == 0 for v in shared_dict.values()))
print("made", len(made), "finalized", len(finalized), "equal", len(made) == len(finalized))
print("weakref callbacks", len(callbacks) == THREADS * ROUNDS, all(r() is None for r in refs))
