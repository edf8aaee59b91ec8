/*
 * The embedding benchmark's host (benches/embed.py builds it against
 * CPython and against Taipan): times calls from C into Python.
 *   bench_host calls N   N calls of a small function, tiny(i) = i + 1,
 *                        each with a new int argument (the call overhead)
 *   bench_host work N    one call of checksum(N), a numeric loop (the
 *                        work: Taipan's JIT compiles it)
 * Prints the nanoseconds per call (calls) or the seconds (work), and a
 * checksum of the results so both engines are seen to compute the same.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s calls|work N\n", argv[0]);
        return 2;
    }
    long n = atol(argv[2]);
    Py_Initialize();
    PyObject *workload = PyImport_ImportModule("workload");
    if (workload == NULL) {
        PyErr_Print();
        return 1;
    }
    if (strcmp(argv[1], "calls") == 0) {
        PyObject *tiny = PyObject_GetAttrString(workload, "tiny");
        long long sum = 0;
        double start = now();
        for (long i = 0; i < n; i++) {
            PyObject *arg = PyLong_FromLong(i);
            PyObject *r = PyObject_CallOneArg(tiny, arg);
            sum += PyLong_AsLong(r);
            Py_DECREF(r);
            Py_DECREF(arg);
        }
        double elapsed = now() - start;
        printf("%.1f ns/call (sum %lld)\n", elapsed / n * 1e9, sum);
        Py_DECREF(tiny);
    } else {
        double start = now();
        PyObject *r = PyObject_CallMethod(workload, "checksum", "l", n);
        double elapsed = now() - start;
        printf("%.3f s (checksum %ld)\n", elapsed, PyLong_AsLong(r));
        Py_DECREF(r);
    }
    Py_DECREF(workload);
    Py_FinalizeEx();
    return 0;
}
