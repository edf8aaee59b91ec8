/*
 * taipan.h: Taipan's C API (libtaipan.so), the embedding subset of
 * CPython 3.11's API under CPython's names and calling conventions, so a
 * host written for Python.h compiles unchanged (include/Python.h includes
 * this file). docs/embedding.md describes it.
 *
 * References follow CPython's rules. "New" below: the caller owns the
 * returned reference and must Py_DECREF it. "Borrowed": valid while the
 * object it came from holds it; do not Py_DECREF. "Steals": the
 * function takes over the caller's reference to that argument.
 * Functions returning PyObject * return NULL, and int functions -1, with
 * an exception set (PyErr_Occurred) on failure.
 *
 * One interpreter per process, under its interpreter lock (see "threads").
 */
#ifndef TAIPAN_H
#define TAIPAN_H

#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An object: opaque (Taipan's heap object, or a box of an int/float). */
typedef struct _object PyObject;
typedef ssize_t Py_ssize_t;

#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 11
#define PYTHON_API_VERSION 1013

/* ---- reference counts ------------------------------------------------ */
void Py_IncRef(PyObject *o);                 /* NULL-safe */
void Py_DecRef(PyObject *o);                 /* NULL-safe; frees at zero */
#define Py_INCREF(o) Py_IncRef((PyObject *)(o))
#define Py_DECREF(o) Py_DecRef((PyObject *)(o))
#define Py_XINCREF(o) Py_IncRef((PyObject *)(o))
#define Py_XDECREF(o) Py_DecRef((PyObject *)(o))
#define Py_CLEAR(o) do { PyObject *_py_tmp = (PyObject *)(o); (o) = NULL; Py_DecRef(_py_tmp); } while (0)
static inline PyObject *Py_NewRef(PyObject *o) { Py_IncRef(o); return o; }
static inline PyObject *Py_XNewRef(PyObject *o) { Py_IncRef(o); return o; }

/* ---- singletons (never freed) ----------------------------------------- */
extern PyObject *const Taipan_None;
extern PyObject *const Taipan_True;
extern PyObject *const Taipan_False;
#define Py_None (Taipan_None)
#define Py_True (Taipan_True)
#define Py_False (Taipan_False)
#define Py_RETURN_NONE return Py_NewRef(Py_None)
#define Py_RETURN_TRUE return Py_NewRef(Py_True)
#define Py_RETURN_FALSE return Py_NewRef(Py_False)
#define Py_IsNone(o) ((o) == Py_None)

/* ---- the interpreter -------------------------------------------------- */
/* sys.path: PYTHONPATH, then the standard library (found as the taipan
 * program finds it). The JIT is on; TAIPAN_JIT=0 turns it off. */
void Py_Initialize(void);
void Py_InitializeEx(int initsigs);
int Py_IsInitialized(void);
int Py_FinalizeEx(void);                     /* runs atexit, finalizers */
void Py_Finalize(void);

/* ---- threads ------------------------------------------------------------ */
/* The thread that called Py_Initialize holds the interpreter lock. It lets
 * it go around blocking host code with Py_BEGIN_ALLOW_THREADS /
 * Py_END_ALLOW_THREADS; any other host thread takes it (and gets its own
 * thread state) with PyGILState_Ensure and gives it back with
 * PyGILState_Release. */
typedef struct Taipan_Vm PyThreadState;
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;
PyThreadState *PyEval_SaveThread(void);
void PyEval_RestoreThread(PyThreadState *tstate);
PyGILState_STATE PyGILState_Ensure(void);
void PyGILState_Release(PyGILState_STATE state);
int PyGILState_Check(void);
PyThreadState *PyGILState_GetThisThreadState(void);
PyThreadState *PyThreadState_Get(void);
void PyEval_InitThreads(void);
int PyEval_ThreadsInitialized(void);
#define Py_BEGIN_ALLOW_THREADS { PyThreadState *_save; _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS PyEval_RestoreThread(_save); }

#define Py_single_input 256
#define Py_file_input 257
#define Py_eval_input 258
int PyRun_SimpleString(const char *command); /* in __main__; prints errors */
int PyRun_SimpleStringFlags(const char *command, void *flags);
PyObject *PyRun_String(const char *str, int start, PyObject *globals,
                       PyObject *locals);    /* new */

/* ---- imports and modules ---------------------------------------------- */
PyObject *PyImport_ImportModule(const char *name);   /* new */
PyObject *PyImport_Import(PyObject *name);           /* new */
PyObject *PyImport_AddModule(const char *name);      /* borrowed */
PyObject *PyModule_GetDict(PyObject *module);        /* borrowed */

typedef PyObject *(*PyCFunction)(PyObject *self, PyObject *args);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *self, PyObject *args,
                                             PyObject *kwargs);
#define METH_VARARGS 0x0001
#define METH_KEYWORDS 0x0002
#define METH_NOARGS 0x0004
#define METH_O 0x0008

typedef struct PyMethodDef {
    const char *ml_name;
    PyCFunction ml_meth;
    int ml_flags;
    const char *ml_doc;
} PyMethodDef;

typedef struct PyModuleDef_Base {
    void *m_init;
    Py_ssize_t m_index;
    void *m_copy;
} PyModuleDef_Base;
#define PyModuleDef_HEAD_INIT { NULL, 0, NULL }

typedef struct PyModuleDef {
    PyModuleDef_Base m_base;
    const char *m_name;
    const char *m_doc;
    Py_ssize_t m_size;
    PyMethodDef *m_methods;
    void *m_slots;
    void *m_traverse;
    void *m_clear;
    void *m_free;
} PyModuleDef;

PyObject *PyModule_Create2(PyModuleDef *def, int api_version);  /* new */
#define PyModule_Create(def) PyModule_Create2((def), PYTHON_API_VERSION)
int PyModule_AddObject(PyObject *m, const char *name, PyObject *value); /* steals on success */
int PyModule_AddIntConstant(PyObject *m, const char *name, long value);
int PyModule_AddStringConstant(PyObject *m, const char *name, const char *value);
/* Before Py_Initialize: `import name` gives what initfunc returns. */
int PyImport_AppendInittab(const char *name, PyObject *(*initfunc)(void));

/* ---- objects ------------------------------------------------------------ */
PyObject *PyObject_GetAttrString(PyObject *o, const char *name); /* new */
PyObject *PyObject_GetAttr(PyObject *o, PyObject *name);         /* new */
int PyObject_SetAttrString(PyObject *o, const char *name, PyObject *v);
int PyObject_HasAttrString(PyObject *o, const char *name);       /* never fails */
PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs); /* new; kwargs may be NULL */
PyObject *PyObject_CallObject(PyObject *callable, PyObject *args); /* new; args may be NULL */
PyObject *PyObject_CallNoArgs(PyObject *callable);               /* new */
PyObject *PyObject_CallOneArg(PyObject *callable, PyObject *arg); /* new */
PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...); /* new */
PyObject *PyObject_CallMethod(PyObject *o, const char *name, const char *format, ...); /* new */
PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...); /* new; NULL-terminated */
PyObject *PyObject_CallMethodObjArgs(PyObject *o, PyObject *name, ...); /* new; NULL-terminated */
int PyCallable_Check(PyObject *o);
PyObject *PyObject_Repr(PyObject *o);                            /* new */
PyObject *PyObject_Str(PyObject *o);                             /* new */
int PyObject_IsTrue(PyObject *o);
int PyObject_Not(PyObject *o);
#define Py_LT 0
#define Py_LE 1
#define Py_EQ 2
#define Py_NE 3
#define Py_GT 4
#define Py_GE 5
PyObject *PyObject_RichCompare(PyObject *a, PyObject *b, int op); /* new */
int PyObject_RichCompareBool(PyObject *a, PyObject *b, int op);
PyObject *PyObject_GetItem(PyObject *o, PyObject *key);          /* new */
int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *v);
int PyObject_DelItem(PyObject *o, PyObject *key);
Py_ssize_t PyObject_Length(PyObject *o);
Py_ssize_t PyObject_Size(PyObject *o);
int PyObject_IsInstance(PyObject *o, PyObject *cls);
PyObject *PyObject_Type(PyObject *o);                            /* new */

/* ---- numbers ------------------------------------------------------------ */
PyObject *PyLong_FromLong(long v);                               /* new */
PyObject *PyLong_FromLongLong(long long v);                      /* new */
PyObject *PyLong_FromUnsignedLong(unsigned long v);              /* new */
PyObject *PyLong_FromUnsignedLongLong(unsigned long long v);     /* new */
PyObject *PyLong_FromSsize_t(Py_ssize_t v);                      /* new */
PyObject *PyLong_FromSize_t(size_t v);                           /* new */
PyObject *PyLong_FromDouble(double v);                           /* new */
long PyLong_AsLong(PyObject *o);                 /* -1 and OverflowError/TypeError */
long long PyLong_AsLongLong(PyObject *o);
Py_ssize_t PyLong_AsSsize_t(PyObject *o);
unsigned long PyLong_AsUnsignedLong(PyObject *o);
unsigned long long PyLong_AsUnsignedLongLong(PyObject *o);
double PyLong_AsDouble(PyObject *o);
PyObject *PyFloat_FromDouble(double v);                          /* new */
double PyFloat_AsDouble(PyObject *o);            /* -1.0 and TypeError */
PyObject *PyBool_FromLong(long v);                               /* new */
int PyLong_Check(PyObject *o);
int PyFloat_Check(PyObject *o);
int PyBool_Check(PyObject *o);

/* ---- str and bytes ------------------------------------------------------ */
PyObject *PyUnicode_FromString(const char *utf8);                /* new */
PyObject *PyUnicode_FromStringAndSize(const char *utf8, Py_ssize_t size); /* new */
PyObject *PyUnicode_FromFormat(const char *format, ...);         /* new; as PyErr_Format */
const char *PyUnicode_AsUTF8(PyObject *s);        /* valid while s lives */
const char *PyUnicode_AsUTF8AndSize(PyObject *s, Py_ssize_t *size);
int PyUnicode_Check(PyObject *o);
PyObject *PyBytes_FromStringAndSize(const char *v, Py_ssize_t len); /* new */
PyObject *PyBytes_FromString(const char *v);                     /* new */
char *PyBytes_AsString(PyObject *o);              /* valid while o lives; do not modify */
Py_ssize_t PyBytes_Size(PyObject *o);
int PyBytes_AsStringAndSize(PyObject *o, char **buffer, Py_ssize_t *length);
int PyBytes_Check(PyObject *o);

/* ---- tuples, lists, dicts ----------------------------------------------- */
PyObject *PyTuple_New(Py_ssize_t len);                           /* new */
int PyTuple_SetItem(PyObject *t, Py_ssize_t i, PyObject *v);     /* steals v; new tuples only */
PyObject *PyTuple_GetItem(PyObject *t, Py_ssize_t i);            /* borrowed */
Py_ssize_t PyTuple_Size(PyObject *t);
PyObject *PyTuple_Pack(Py_ssize_t n, ...);                       /* new */
int PyTuple_Check(PyObject *o);
PyObject *PyList_New(Py_ssize_t len);                            /* new */
int PyList_Append(PyObject *l, PyObject *v);
PyObject *PyList_GetItem(PyObject *l, Py_ssize_t i);             /* borrowed */
int PyList_SetItem(PyObject *l, Py_ssize_t i, PyObject *v);      /* steals v */
Py_ssize_t PyList_Size(PyObject *l);
int PyList_Check(PyObject *o);
PyObject *PyDict_New(void);                                      /* new */
int PyDict_SetItem(PyObject *d, PyObject *key, PyObject *v);
int PyDict_SetItemString(PyObject *d, const char *key, PyObject *v);
PyObject *PyDict_GetItem(PyObject *d, PyObject *key);            /* borrowed; NULL if missing, no exception */
PyObject *PyDict_GetItemString(PyObject *d, const char *key);    /* borrowed; NULL if missing */
int PyDict_DelItemString(PyObject *d, const char *key);
Py_ssize_t PyDict_Size(PyObject *d);
int PyDict_Next(PyObject *d, Py_ssize_t *pos, PyObject **key, PyObject **value); /* borrowed */
PyObject *PyDict_Keys(PyObject *d);                              /* new */
int PyDict_Check(PyObject *o);

/* ---- building values and parsing arguments ------------------------------ */
/* Formats: b h i l L n I k K (ints), d f (floats), s z s# z# y y# (strings,
 * bytes), c C, O S (new reference), N (steals), ( ) [ ] { : }. */
PyObject *Py_BuildValue(const char *format, ...);               /* new */
PyObject *Py_VaBuildValue(const char *format, va_list va);       /* new */
/* Formats: b h i l L n I k K, d f, s s# z z# y y#, p, O, O!, |, :name, ;msg. */
int PyArg_ParseTuple(PyObject *args, const char *format, ...);   /* 1 ok, 0 error */
int PyArg_VaParse(PyObject *args, const char *format, va_list va);
int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                char **keywords, ...);

/* ---- exceptions --------------------------------------------------------- */
PyObject *PyErr_Occurred(void);                  /* borrowed: the class, or NULL */
void PyErr_Clear(void);
void PyErr_Print(void);                          /* to sys.stderr; clears */
void PyErr_PrintEx(int set_sys_last_vars);
void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback); /* new refs; clears */
void PyErr_Restore(PyObject *type, PyObject *value, PyObject *traceback); /* steals all */
/* PyErr_Fetch's value may be the raw value given to PyErr_SetString /
 * SetObject (CPython's "unnormalized" exception); this makes it an
 * instance of the type. */
void PyErr_NormalizeException(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback);
void PyErr_SetString(PyObject *type, const char *message);
void PyErr_SetObject(PyObject *type, PyObject *value);
void PyErr_SetNone(PyObject *type);
PyObject *PyErr_Format(PyObject *type, const char *format, ...); /* NULL; printf's formats and %S %R %A %U %V */
PyObject *PyErr_NoMemory(void);
int PyErr_BadArgument(void);
int PyErr_ExceptionMatches(PyObject *exc);
int PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc);

extern PyObject *PyExc_BaseException, *PyExc_Exception, *PyExc_ArithmeticError,
    *PyExc_AssertionError, *PyExc_AttributeError, *PyExc_EOFError,
    *PyExc_FileNotFoundError, *PyExc_ImportError, *PyExc_IndexError,
    *PyExc_KeyError, *PyExc_KeyboardInterrupt, *PyExc_LookupError,
    *PyExc_MemoryError, *PyExc_ModuleNotFoundError, *PyExc_NameError,
    *PyExc_NotImplementedError, *PyExc_OSError, *PyExc_OverflowError,
    *PyExc_PermissionError, *PyExc_RecursionError, *PyExc_RuntimeError,
    *PyExc_StopIteration, *PyExc_SyntaxError, *PyExc_SystemError,
    *PyExc_SystemExit, *PyExc_TimeoutError, *PyExc_TypeError,
    *PyExc_UnicodeError, *PyExc_ValueError, *PyExc_ZeroDivisionError;

#ifdef __cplusplus
}
#endif

#endif /* TAIPAN_H */
