/* A multi-threaded host: the main thread lets the interpreter lock go
 * (Py_BEGIN_ALLOW_THREADS) while four host threads call into Python under
 * PyGILState_Ensure / PyGILState_Release, and a Python thread started from
 * Python runs beside them. Compiled against CPython and against Taipan;
 * both must print the same. */
#include <Python.h>
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define CALLS 500

static PyObject *record; /* the Python function the threads call */
static int outer_unlocked[THREADS], inner_locked[THREADS], lock_missing[THREADS];

static void *worker(void *arg) {
    long id = (long)arg;
    for (int i = 0; i < CALLS; i++) {
        PyGILState_STATE st = PyGILState_Ensure();
        if (!PyGILState_Check()) {
            lock_missing[id]++;
        }
        PyObject *r = PyObject_CallFunction(record, "li", id, i);
        if (r == NULL) {
            PyErr_Print();
        }
        Py_XDECREF(r);
        PyGILState_Release(st);
    }
    /* Nested Ensure: the second one finds the lock held. */
    PyGILState_STATE outer = PyGILState_Ensure();
    PyGILState_STATE inner = PyGILState_Ensure();
    outer_unlocked[id] = outer == PyGILState_UNLOCKED;
    inner_locked[id] = inner == PyGILState_LOCKED;
    PyGILState_Release(inner);
    PyGILState_Release(outer);
    return NULL;
}

int main(void) {
    Py_Initialize();
    printf("main holds the lock: %d\n", PyGILState_Check());
    fflush(stdout);
    PyRun_SimpleString(
        "import threading, time\n"
        "counts = {}\n"
        "lock = threading.Lock()\n"
        "def record(tid, i):\n"
        "    with lock:\n"
        "        counts[tid] = counts.get(tid, 0) + 1\n"
        "    return i\n"
        "ticks = []\n"
        "def ticker():\n"
        "    for _ in range(20):\n"
        "        ticks.append(1)\n"
        "        time.sleep(0.001)\n"
        "py_thread = threading.Thread(target=ticker)\n"
        "py_thread.start()\n");
    PyObject *main_module = PyImport_AddModule("__main__");
    record = PyObject_GetAttrString(main_module, "record");

    pthread_t threads[THREADS];
    Py_BEGIN_ALLOW_THREADS
    for (long t = 0; t < THREADS; t++) {
        pthread_create(&threads[t], NULL, worker, (void *)t);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }
    printf("main while the lock is let go: %d\n", PyGILState_Check());
    Py_END_ALLOW_THREADS
    for (int t = 0; t < THREADS; t++) {
        printf("thread %d: outer unlocked %d, inner locked %d, calls without the lock %d\n",
               t, outer_unlocked[t], inner_locked[t], lock_missing[t]);
    }
    fflush(stdout);

    PyRun_SimpleString(
        "py_thread.join()\n"
        "print('calls per thread:', sorted(counts.items()), flush=True)\n"
        "print('python thread ticks:', len(ticks), flush=True)\n");
    Py_DECREF(record);
    printf("finalize: %d\n", Py_FinalizeEx());
    return 0;
}
