/*
 * More of the C API, compiled against CPython and against Taipan by
 * capi/tests/embed_c.rs, which requires the same output: reference
 * counts of new and borrowed references, Py_BuildValue's formats,
 * PyArg_ParseTupleAndKeywords, the error indicator, conversions at
 * their limits.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>
#include <stdio.h>

static void show(const char *label, PyObject *o) {
    if (o == NULL) {
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *name = t ? PyObject_GetAttrString(t, "__name__") : NULL;
        PyObject *text = v ? PyObject_Str(v) : NULL;
        printf("%s: error %s: %s\n", label, name ? PyUnicode_AsUTF8(name) : "?",
               text ? PyUnicode_AsUTF8(text) : "?");
        Py_XDECREF(name);
        Py_XDECREF(text);
        Py_XDECREF(t);
        Py_XDECREF(v);
        Py_XDECREF(tb);
        return;
    }
    PyObject *r = PyObject_Repr(o);
    printf("%s: %s\n", label, PyUnicode_AsUTF8(r));
    Py_DECREF(r);
}

static PyObject *kw_function(PyObject *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"name", "count", "ratio", NULL};
    const char *name;
    int count = 1;
    double ratio = 0.5;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|id:kw", keywords, &name, &count, &ratio))
        return NULL;
    return Py_BuildValue("(sid)", name, count, ratio);
}

static PyObject *one_arg(PyObject *self, PyObject *arg) {
    return PyObject_Repr(arg);
}

static PyObject *no_args(PyObject *self, PyObject *unused) {
    return PyUnicode_FromFormat("%s-%d", "none", 42);
}

static PyMethodDef methods[] = {
    {"kw", (PyCFunction)(void (*)(void))kw_function, METH_VARARGS | METH_KEYWORDS, NULL},
    {"one", one_arg, METH_O, NULL},
    {"none", no_args, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef checks_module = {PyModuleDef_HEAD_INIT, "checks", NULL, -1, methods};

static PyObject *init_checks(void) { return PyModule_Create(&checks_module); }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    PyImport_AppendInittab("checks", init_checks);
    Py_Initialize();
    printf("initialized: %d\n", Py_IsInitialized());

    show("build empty", Py_BuildValue(""));
    show("build one", Py_BuildValue("i", 7));
    show("build tuple", Py_BuildValue("ii", 1, 2));
    show("build nested", Py_BuildValue("(i,(s,d),[b,L])", 1, "two", 3.5, 4, 5LL));
    show("build dict", Py_BuildValue("{s:i,s:s}", "a", 1, "b", "x"));
    show("build sized", Py_BuildValue("(s#y#z)", "hello", (Py_ssize_t)3, "bytes", (Py_ssize_t)5, NULL));
    show("build bool", Py_BuildValue("(pp)", 0, 5));

    /* New and borrowed references. */
    PyObject *list = PyList_New(0);
    PyObject *item = PyUnicode_FromString("kept");
    PyList_Append(list, item);               /* the list takes its own reference */
    Py_DECREF(item);                         /* ours goes; the list's stays */
    PyObject *borrowed = PyList_GetItem(list, 0);
    show("borrowed item", borrowed);
    PyObject *t = PyTuple_New(2);
    PyTuple_SetItem(t, 0, PyLong_FromLong(10)); /* steals */
    PyTuple_SetItem(t, 1, Py_NewRef(list));
    show("tuple", t);
    Py_DECREF(list);
    show("tuple after list decref", PyTuple_GetItem(t, 1));
    Py_DECREF(t);
    PyObject *packed = PyTuple_Pack(2, Py_None, Py_True);
    show("packed", packed);
    Py_DECREF(packed);

    /* Conversions at their limits. */
    PyObject *big = PyRun_String("2 ** 70", Py_eval_input, PyModule_GetDict(PyImport_AddModule("__main__")),
                                 PyModule_GetDict(PyImport_AddModule("__main__")));
    long v = PyLong_AsLong(big);
    printf("AsLong(2**70) = %ld, error: %s\n", v, PyErr_Occurred() ? "yes" : "no");
    show("overflow", NULL);
    printf("AsDouble(2**70) = %.1f\n", PyLong_AsDouble(big));
    Py_DECREF(big);
    PyObject *s = PyUnicode_FromString("text");
    printf("AsLong('text') = %ld\n", PyLong_AsLong(s));
    show("not an int", NULL);
    printf("AsDouble('text') = %.1f\n", PyFloat_AsDouble(s));
    show("not a float", NULL);
    Py_ssize_t size;
    printf("AsUTF8AndSize: %s %zd\n", PyUnicode_AsUTF8AndSize(s, &size), size);
    Py_DECREF(s);
    PyObject *u = PyLong_FromUnsignedLongLong(ULLONG_MAX);
    show("ULLONG_MAX", u);
    printf("back: %llu\n", PyLong_AsUnsignedLongLong(u));
    Py_DECREF(u);
    PyObject *bytes = PyBytes_FromStringAndSize("a\0b", 3);
    printf("bytes size %zd, check %d, str check %d\n", PyBytes_Size(bytes), PyBytes_Check(bytes),
           PyUnicode_Check(bytes));
    Py_DECREF(bytes);

    /* Items of any object. */
    PyObject *d = PyDict_New();
    PyObject *k = PyUnicode_FromString("k"), *one = PyLong_FromLong(1);
    PyObject_SetItem(d, k, one);
    show("getitem", PyObject_GetItem(d, k));
    printf("dict size %zd, length %zd\n", PyDict_Size(d), PyObject_Length(d));
    PyObject_DelItem(d, k);
    show("getitem after del", PyObject_GetItem(d, k));
    printf("GetItem missing: %s, error: %s\n", PyDict_GetItem(d, k) ? "found" : "NULL",
           PyErr_Occurred() ? "yes" : "no");
    Py_DECREF(k);
    Py_DECREF(one);
    Py_DECREF(d);

    /* The module of C functions. */
    PyRun_SimpleString(
        "import checks\n"
        "print(checks.kw('x'), checks.kw('y', 3), checks.kw('z', ratio=2.0, count=4))\n"
        "print(checks.one([1, 'two']), checks.none())\n"
        "for f in (lambda: checks.kw(), lambda: checks.kw(1), lambda: checks.one(), "
        "lambda: checks.none(1), lambda: checks.kw('a', 'b')):\n"
        "    try:\n"
        "        f()\n"
        "    except TypeError as e:\n"
        "        print('TypeError:', e)\n");

    /* The error indicator. */
    PyErr_SetString(PyExc_KeyError, "missing");
    printf("KeyError matches LookupError: %d\n", PyErr_ExceptionMatches(PyExc_LookupError));
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    printf("after fetch: %s\n", PyErr_Occurred() ? "set" : "clear");
    {
        PyObject *raw = PyObject_Str(ev);
        printf("raw value: %s\n", PyUnicode_AsUTF8(raw));
        Py_DECREF(raw);
    }
    PyErr_Restore(et, ev, etb);
    printf("after restore: %s\n", PyErr_Occurred() ? "set" : "clear");
    show("restored", NULL);
    PyErr_Format(PyExc_ValueError, "bad value %d in %s", 3, "row");
    show("formatted", NULL);
    {
        PyObject *o = Py_BuildValue("[is]", 1, "two");
        PyErr_Format(PyExc_TypeError, "%S and %R, %zd items, %5.2f%%, %-4s|%lu %x %c",
                     o, o, (Py_ssize_t)2, 12.5, "ab", 42UL, 255u, 'z');
        show("format codes", NULL);
        PyObject *u = PyUnicode_FromFormat("<%U|%V|%V>", PyUnicode_FromString("obj"), NULL, "fallback",
                                           PyUnicode_FromString("v"), "unused");
        show("from format", u);
        Py_DECREF(o);
    }
    PyErr_SetObject(PyExc_IndexError, PyLong_FromLong(5));
    show("set object", NULL);
    printf("given matches tuple: %d\n",
           PyErr_GivenExceptionMatches(PyExc_ZeroDivisionError,
                                       PyTuple_Pack(2, PyExc_KeyError, PyExc_ArithmeticError)));

    /* Running code: an error comes back as NULL. */
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyImport_ImportModule("builtins"));
    show("run ok", PyRun_String("x = 6 * 7", Py_file_input, g, g));
    show("x", PyDict_GetItemString(g, "x"));
    show("run error", PyRun_String("1 / 0", Py_eval_input, g, g));
    show("syntax error", PyRun_String("1 +", Py_eval_input, g, g));
    Py_DECREF(g);
    PyObject *name = PyUnicode_FromString("no_such_module_here");
    show("import missing", PyImport_Import(name));
    Py_DECREF(name);
    show("attr missing", PyObject_GetAttrString(Py_None, "nope"));
    printf("hasattr: %d %d\n", PyObject_HasAttrString(Py_None, "nope"),
           PyObject_HasAttrString(Py_None, "__class__"));
    show("type", PyObject_Type(Py_True));
    show("rich compare", PyObject_RichCompare(Py_True, Py_False, Py_GT));
    printf("finalize: %d\n", Py_FinalizeEx());
    return 0;
}
