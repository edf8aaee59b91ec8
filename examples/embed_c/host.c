/*
 * An embedding host written for CPython's C API: it compiles unchanged
 * against CPython (Python.h, libpython3.11) and against Taipan
 * (include/Python.h -> taipan.h, libtaipan). tests/embed_c.rs builds it
 * both ways and requires the same output. The "plugin" is processor.py
 * (found through PYTHONPATH); the host gives it a native module,
 * `hostlib`, whose functions Python calls back.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

static PyObject *hostlib_log(PyObject *self, PyObject *args) {
    const char *message;
    if (!PyArg_ParseTuple(args, "s:log", &message))
        return NULL;
    printf("[host] %s\n", message);
    fflush(stdout);
    Py_RETURN_NONE;
}

static PyObject *hostlib_scale(PyObject *self, PyObject *args) {
    double x, factor;
    if (!PyArg_ParseTuple(args, "dd:scale", &x, &factor))
        return NULL;
    return PyFloat_FromDouble(x * factor);
}

static PyObject *hostlib_fail(PyObject *self, PyObject *args) {
    const char *why;
    if (!PyArg_ParseTuple(args, "s", &why))
        return NULL;
    PyErr_SetString(PyExc_ValueError, why);
    return NULL;
}

static PyMethodDef hostlib_methods[] = {
    {"log", hostlib_log, METH_VARARGS, "Print a message from the host."},
    {"scale", hostlib_scale, METH_VARARGS, "x * factor, computed in C."},
    {"fail", hostlib_fail, METH_VARARGS, "Raise ValueError(why)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef hostlib_module = {
    PyModuleDef_HEAD_INIT, "hostlib", "Functions of the host.", -1, hostlib_methods,
};

static PyObject *init_hostlib(void) {
    PyObject *m = PyModule_Create(&hostlib_module);
    if (m != NULL)
        PyModule_AddIntConstant(m, "VERSION", 3);
    return m;
}

/* Prints and clears the pending exception as "Type: message". */
static void report(const char *what) {
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *name = PyObject_GetAttrString(type, "__name__");
    PyObject *text = PyObject_Str(value);
    printf("%s raised %s: %s\n", what, PyUnicode_AsUTF8(name), PyUnicode_AsUTF8(text));
    Py_XDECREF(name);
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}

int main(void) {
    /* Unbuffered, so C's and Python's lines come in program order. */
    setvbuf(stdout, NULL, _IONBF, 0);
    PyImport_AppendInittab("hostlib", init_hostlib);
    Py_Initialize();

    PyObject *proc = PyImport_ImportModule("processor");
    if (proc == NULL) {
        PyErr_Print();
        return 1;
    }

    /* Ints, through a format. */
    PyObject *r = PyObject_CallMethod(proc, "add", "ii", 2, 40);
    printf("add(2, 40) = %ld\n", PyLong_AsLong(r));
    Py_DECREF(r);

    /* Floats in a list. */
    PyObject *values = PyList_New(0);
    for (int i = 1; i <= 4; i++) {
        PyObject *f = PyFloat_FromDouble(i * 1.5);
        PyList_Append(values, f);
        Py_DECREF(f);
    }
    PyObject *mean = PyObject_GetAttrString(proc, "mean");
    r = PyObject_CallFunctionObjArgs(mean, values, NULL);
    printf("mean = %.3f (of %zd values)\n", PyFloat_AsDouble(r), PyList_Size(values));
    Py_DECREF(r);
    Py_DECREF(mean);

    /* Strings, with an argument tuple. */
    PyObject *greet = PyObject_GetAttrString(proc, "greet");
    PyObject *args = Py_BuildValue("(s)", "world");
    r = PyObject_CallObject(greet, args);
    printf("greet: %s\n", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    Py_DECREF(args);
    Py_DECREF(greet);

    /* A dict back: its items in order. */
    r = PyObject_CallMethod(proc, "word_counts", "s", "the cat saw the other cat the end");
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    printf("word_counts (%zd words):", PyDict_Size(r));
    while (PyDict_Next(r, &pos, &key, &value))
        printf(" %s=%ld", PyUnicode_AsUTF8(key), PyLong_AsLong(value));
    printf("\n");
    PyObject *the = PyDict_GetItemString(r, "the");
    printf("the: %ld, missing: %s\n", PyLong_AsLong(the),
           PyDict_GetItemString(r, "dog") == NULL ? "NULL" : "found");
    Py_DECREF(r);

    /* A dict in, a tuple out. */
    PyObject *pixels = PyDict_New();
    const char *names[] = {"red", "green", "blue"};
    long levels[] = {200, 15, 99};
    for (int i = 0; i < 3; i++) {
        PyObject *level = PyLong_FromLong(levels[i]);
        PyDict_SetItemString(pixels, names[i], level);
        Py_DECREF(level);
    }
    r = PyObject_CallMethod(proc, "stats", "O", pixels);
    PyObject *sorted = PyTuple_GetItem(r, 2);
    printf("stats: min=%ld max=%ld first=%s tuple of %zd\n",
           PyLong_AsLong(PyTuple_GetItem(r, 0)), PyLong_AsLong(PyTuple_GetItem(r, 1)),
           PyUnicode_AsUTF8(PyList_GetItem(sorted, 0)), PyTuple_Size(r));
    Py_DECREF(r);
    Py_DECREF(pixels);

    /* A list of ints through Py_BuildValue. */
    r = PyObject_CallMethod(proc, "brighten", "([iii]i)", 10, 250, 128, 10);
    if (r == NULL) {
        /* "([iii]i)" builds one tuple: it is the argument tuple. */
        report("brighten");
    } else {
        PyObject *repr = PyObject_Repr(r);
        printf("brighten: %s\n", PyUnicode_AsUTF8(repr));
        Py_DECREF(repr);
        Py_DECREF(r);
    }

    /* An exception. */
    r = PyObject_CallMethod(proc, "divide", "ii", 1, 0);
    if (r == NULL) {
        printf("matches ZeroDivisionError: %d, ArithmeticError: %d, KeyError: %d\n",
               PyErr_ExceptionMatches(PyExc_ZeroDivisionError),
               PyErr_ExceptionMatches(PyExc_ArithmeticError),
               PyErr_ExceptionMatches(PyExc_KeyError));
        report("divide(1, 0)");
    }
    printf("error pending after fetch: %s\n", PyErr_Occurred() ? "yes" : "no");

    /* Python calling back into the host. */
    PyObject *host_values = Py_BuildValue("[dd]", 1.0, 4.0);
    r = PyObject_CallMethod(proc, "use_host", "(O)", host_values);
    PyObject *repr = PyObject_Repr(r);
    printf("use_host: %s\n", PyUnicode_AsUTF8(repr));
    Py_DECREF(repr);
    Py_DECREF(r);
    Py_DECREF(host_values);

    /* Wrong arguments to a host function, seen from Python. */
    PyRun_SimpleString(
        "import hostlib\n"
        "for call in (lambda: hostlib.scale(1), lambda: hostlib.scale('x', 2), lambda: hostlib.log(5)):\n"
        "    try:\n"
        "        call()\n"
        "    except TypeError as e:\n"
        "        print('TypeError:', e, flush=True)\n"
        "print('hostlib.VERSION =', hostlib.VERSION, flush=True)\n");

    /* Code and values in __main__. */
    PyRun_SimpleString("squares = [i * i for i in range(6)]\nprint('squares', squares, flush=True)");
    PyObject *main = PyImport_AddModule("__main__");
    PyObject *squares = PyObject_GetAttrString(main, "squares");
    printf("squares[5] = %ld, len = %zd, callable(add) = %d\n",
           PyLong_AsLong(PyList_GetItem(squares, 5)), PyObject_Length(squares),
           PyCallable_Check(PyObject_GetAttrString(proc, "add")));
    Py_DECREF(squares);
    PyObject *globals = PyModule_GetDict(main);
    r = PyRun_String("sum(squares) * 2", Py_eval_input, globals, globals);
    printf("eval: %ld\n", PyLong_AsLong(r));
    Py_DECREF(r);

    /* Comparisons and truth. */
    PyObject *a = PyLong_FromLong(7), *b = PyFloat_FromDouble(7.0);
    printf("7 == 7.0: %d, 7 < 7.0: %d, bool(7): %d, None is None: %d\n",
           PyObject_RichCompareBool(a, b, Py_EQ), PyObject_RichCompareBool(a, b, Py_LT),
           PyObject_IsTrue(a), Py_None == Py_None);
    Py_DECREF(a);
    Py_DECREF(b);

    /* Real work in Python. */
    r = PyObject_CallMethod(proc, "checksum", "i", 200000);
    printf("checksum = %ld\n", PyLong_AsLong(r));
    Py_DECREF(r);

    Py_DECREF(proc);
    printf("finalize: %d\n", Py_FinalizeEx());
    return 0;
}
