/*
 * The variadic functions of Taipan's C API (stable Rust cannot define a
 * C variadic function): Py_BuildValue, PyArg_ParseTuple and friends,
 * PyObject_CallFunction/CallMethod, PyTuple_Pack, PyErr_Format. They
 * walk their format strings here and make every object through the
 * non-variadic functions of libtaipan (the Rust files), so reference counts
 * and errors follow the rest of the API.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "taipan.h"

/* ---- Py_BuildValue ---------------------------------------------------- */

static PyObject *build_one(const char **fmt, va_list *va);

/* A growable array of new references. */
typedef struct {
    PyObject **items;
    Py_ssize_t n, cap;
} Items;

static int items_push(Items *it, PyObject *o) {
    if (it->n == it->cap) {
        Py_ssize_t cap = it->cap ? it->cap * 2 : 8;
        PyObject **grown = realloc(it->items, (size_t)cap * sizeof(PyObject *));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        it->items = grown;
        it->cap = cap;
    }
    it->items[it->n++] = o;
    return 0;
}

static void items_free(Items *it) {
    for (Py_ssize_t i = 0; i < it->n; i++)
        Py_DecRef(it->items[i]);
    free(it->items);
    it->items = NULL;
    it->n = it->cap = 0;
}

/* Builds items until `end` (or the end of the format). */
static int build_items(const char **fmt, va_list *va, char end, Items *out) {
    for (;;) {
        char c = **fmt;
        if (c == ' ' || c == '\t' || c == ',' || c == ':') {
            (*fmt)++;
            continue;
        }
        if (c == end) {
            if (c != '\0')
                (*fmt)++;
            return 0;
        }
        if (c == '\0') {
            PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
            return -1;
        }
        PyObject *o = build_one(fmt, va);
        if (o == NULL || items_push(out, o) < 0)
            return -1;
    }
}

static PyObject *tuple_of(Items *it) {
    PyObject *t = PyTuple_New(it->n);
    if (t == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < it->n; i++)
        PyTuple_SetItem(t, i, it->items[i]); /* steals */
    free(it->items);
    it->items = NULL;
    it->n = 0;
    return t;
}

/* A str from `len` bytes at `s` (len < 0: NUL-terminated); None for NULL. */
static PyObject *text_or_none(const char *s, Py_ssize_t len, int bytes) {
    if (s == NULL)
        return Py_NewRef(Py_None);
    if (len < 0)
        len = (Py_ssize_t)strlen(s);
    return bytes ? PyBytes_FromStringAndSize(s, len) : PyUnicode_FromStringAndSize(s, len);
}

static PyObject *build_one(const char **fmt, va_list *va) {
    char c = *(*fmt)++;
    switch (c) {
    case '(': {
        Items it = {0};
        if (build_items(fmt, va, ')', &it) < 0) {
            items_free(&it);
            return NULL;
        }
        return tuple_of(&it);
    }
    case '[': {
        Items it = {0};
        if (build_items(fmt, va, ']', &it) < 0) {
            items_free(&it);
            return NULL;
        }
        PyObject *l = PyList_New(0);
        for (Py_ssize_t i = 0; l != NULL && i < it.n; i++)
            if (PyList_Append(l, it.items[i]) < 0)
                Py_CLEAR(l);
        items_free(&it);
        return l;
    }
    case '{': {
        Items it = {0};
        if (build_items(fmt, va, '}', &it) < 0) {
            items_free(&it);
            return NULL;
        }
        if (it.n % 2 != 0) {
            items_free(&it);
            PyErr_SetString(PyExc_SystemError, "Bad dict format");
            return NULL;
        }
        PyObject *d = PyDict_New();
        for (Py_ssize_t i = 0; d != NULL && i < it.n; i += 2)
            if (PyDict_SetItem(d, it.items[i], it.items[i + 1]) < 0)
                Py_CLEAR(d);
        items_free(&it);
        return d;
    }
    case 'b':
    case 'B':
    case 'h':
    case 'i':
        return PyLong_FromLong((long)va_arg(*va, int));
    case 'H':
    case 'I':
        return PyLong_FromUnsignedLong((unsigned long)va_arg(*va, unsigned int));
    case 'l':
        return PyLong_FromLong(va_arg(*va, long));
    case 'k':
        return PyLong_FromUnsignedLong(va_arg(*va, unsigned long));
    case 'L':
        return PyLong_FromLongLong(va_arg(*va, long long));
    case 'K':
        return PyLong_FromUnsignedLongLong(va_arg(*va, unsigned long long));
    case 'n':
        return PyLong_FromSsize_t(va_arg(*va, Py_ssize_t));
    case 'd':
    case 'f':
        return PyFloat_FromDouble(va_arg(*va, double));
    case 'c': {
        char ch = (char)va_arg(*va, int);
        return PyBytes_FromStringAndSize(&ch, 1);
    }
    case 'C': {
        int cp = va_arg(*va, int);
        char buf[4];
        Py_ssize_t n;
        if (cp < 0x80) { buf[0] = (char)cp; n = 1; }
        else if (cp < 0x800) { buf[0] = (char)(0xC0 | (cp >> 6)); buf[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
        else if (cp < 0x10000) { buf[0] = (char)(0xE0 | (cp >> 12)); buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
        else { buf[0] = (char)(0xF0 | (cp >> 18)); buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
        return PyUnicode_FromStringAndSize(buf, n);
    }
    case 's':
    case 'z':
    case 'U':
    case 'y': {
        const char *s = va_arg(*va, const char *);
        Py_ssize_t len = -1;
        if (**fmt == '#') {
            (*fmt)++;
            len = va_arg(*va, Py_ssize_t);
        }
        return text_or_none(s, len, c == 'y');
    }
    case 'O':
    case 'S':
    case 'N': {
        PyObject *o = va_arg(*va, PyObject *);
        if (o == NULL) {
            if (PyErr_Occurred() == NULL)
                PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
            return NULL;
        }
        if (c != 'N')
            Py_IncRef(o);
        return o;
    }
    default:
        PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
        return NULL;
    }
}

PyObject *Py_VaBuildValue(const char *format, va_list va) {
    va_list lva;
    va_copy(lva, va);
    Items it = {0};
    const char *f = format ? format : "";
    int r = build_items(&f, &lva, '\0', &it);
    va_end(lva);
    if (r < 0) {
        items_free(&it);
        return NULL;
    }
    if (it.n == 0) {
        free(it.items);
        return Py_NewRef(Py_None);
    }
    if (it.n == 1) {
        PyObject *o = it.items[0];
        free(it.items);
        return o;
    }
    return tuple_of(&it);
}

PyObject *Py_BuildValue(const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = Py_VaBuildValue(format, va);
    va_end(va);
    return r;
}

/* ---- calls -------------------------------------------------------------- */

/* Calls with the arguments a format builds (a tuple is the argument
 * tuple itself, as in CPython). */
static PyObject *call_with_format(PyObject *callable, const char *format, va_list va) {
    if (callable == NULL) {
        if (PyErr_Occurred() == NULL)
            PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
        return NULL;
    }
    if (format == NULL || *format == '\0')
        return PyObject_CallNoArgs(callable);
    PyObject *args = Py_VaBuildValue(format, va);
    if (args == NULL)
        return NULL;
    if (!PyTuple_Check(args)) {
        PyObject *t = PyTuple_New(1);
        if (t == NULL) {
            Py_DecRef(args);
            return NULL;
        }
        PyTuple_SetItem(t, 0, args);
        args = t;
    }
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DecRef(args);
    return r;
}

PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...) {
    va_list va;
    va_start(va, format);
    PyObject *r = call_with_format(callable, format, va);
    va_end(va);
    return r;
}

PyObject *PyObject_CallMethod(PyObject *o, const char *name, const char *format, ...) {
    PyObject *m = PyObject_GetAttrString(o, name);
    if (m == NULL)
        return NULL;
    va_list va;
    va_start(va, format);
    PyObject *r = call_with_format(m, format, va);
    va_end(va);
    Py_DecRef(m);
    return r;
}

/* The NULL-terminated objects of a va_list, as a tuple. */
static PyObject *tuple_of_objects(va_list va) {
    Items it = {0};
    PyObject *o;
    while ((o = va_arg(va, PyObject *)) != NULL) {
        Py_IncRef(o);
        if (items_push(&it, o) < 0) {
            Py_DecRef(o);
            items_free(&it);
            return NULL;
        }
    }
    return tuple_of(&it);
}

PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...) {
    va_list va;
    va_start(va, callable);
    PyObject *args = tuple_of_objects(va);
    va_end(va);
    if (args == NULL)
        return NULL;
    PyObject *r = PyObject_Call(callable, args, NULL);
    Py_DecRef(args);
    return r;
}

PyObject *PyObject_CallMethodObjArgs(PyObject *o, PyObject *name, ...) {
    PyObject *m = PyObject_GetAttr(o, name);
    if (m == NULL)
        return NULL;
    va_list va;
    va_start(va, name);
    PyObject *args = tuple_of_objects(va);
    va_end(va);
    PyObject *r = args ? PyObject_Call(m, args, NULL) : NULL;
    Py_DecRef(args);
    Py_DecRef(m);
    return r;
}

PyObject *PyTuple_Pack(Py_ssize_t n, ...) {
    PyObject *t = PyTuple_New(n);
    if (t == NULL)
        return NULL;
    va_list va;
    va_start(va, n);
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SetItem(t, i, Py_NewRef(va_arg(va, PyObject *)));
    va_end(va);
    return t;
}

/* ---- formatted messages --------------------------------------------------- */

/* A growable text buffer. */
typedef struct {
    char *text;
    size_t len, cap;
    int failed;
} Text;

static void text_add(Text *t, const char *s, size_t n) {
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *grown = realloc(t->text, cap);
        if (grown == NULL) {
            t->failed = 1;
            return;
        }
        t->text = grown;
        t->cap = cap;
    }
    memcpy(t->text + t->len, s, n);
    t->len += n;
    t->text[t->len] = '\0';
}

/* Appends str(o) (kind 'S'), repr(o) ('R', 'A') or o itself ('U'). */
static void text_add_object(Text *t, PyObject *o, char kind) {
    PyObject *s = kind == 'S' ? PyObject_Str(o) : kind == 'U' ? Py_NewRef(o) : PyObject_Repr(o);
    const char *u = s ? PyUnicode_AsUTF8(s) : NULL;
    if (u == NULL) {
        t->failed = 1;
    } else {
        text_add(t, u, strlen(u));
    }
    Py_XDECREF(s);
}

/* CPython's PyUnicode_FromFormatV formats: printf's (`%d`, `%zd`,
 * `%lu`, `%x`, `%s`, `%c`, `%p`, width and precision) and its own:
 * `%S` str(obj), `%R` repr(obj), `%A` repr(obj) (ASCII not enforced),
 * `%U` a str object, `%V` a str object or, if NULL, a C string. At
 * an unknown conversion (`%f` is one) the rest of the format is copied
 * as it is, as CPython does.
 * A new heap string, NULL on failure. */
static char *vformat(const char *format, va_list va) {
    Text t = {0};
    va_list lva;
    va_copy(lva, va);
    const char *p = format;
    text_add(&t, "", 0);
    while (*p && !t.failed) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            text_add(&t, p, n);
            p += n;
            continue;
        }
        const char *start = p++;
        if (*p == '%') {
            text_add(&t, "%", 1);
            p++;
            continue;
        }
        while (*p && strchr("-+ #0123456789.", *p))
            p++;
        char length[3] = {0};
        if (*p == 'l' && p[1] == 'l') {
            length[0] = 'l';
            length[1] = 'l';
            p += 2;
        } else if (*p == 'l' || *p == 'z' || *p == 't' || *p == 'j') {
            length[0] = *p++;
        }
        char conv = *p ? *p++ : '\0';
        char spec[64];
        size_t speclen = (size_t)(p - start);
        if (speclen >= sizeof spec)
            speclen = sizeof spec - 1;
        memcpy(spec, start, speclen);
        spec[speclen] = '\0';
        char buf[512];
        int n = 0;
        switch (conv) {
        case 'S':
        case 'R':
        case 'A':
        case 'U':
            text_add_object(&t, va_arg(lva, PyObject *), conv);
            continue;
        case 'V': {
            PyObject *o = va_arg(lva, PyObject *);
            const char *fallback = va_arg(lva, const char *);
            if (o != NULL)
                text_add_object(&t, o, 'U');
            else if (fallback != NULL)
                text_add(&t, fallback, strlen(fallback));
            continue;
        }
        case 'd':
        case 'i':
            if (length[0] == 'l' && length[1] == 'l')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, long long));
            else if (length[0] == 'l')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, long));
            else if (length[0] == 'z' || length[0] == 't')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, Py_ssize_t));
            else
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, int));
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            if (length[0] == 'l' && length[1] == 'l')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, unsigned long long));
            else if (length[0] == 'l')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, unsigned long));
            else if (length[0] == 'z' || length[0] == 't')
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, size_t));
            else
                n = snprintf(buf, sizeof buf, spec, va_arg(lva, unsigned int));
            break;
        case 'c':
            n = snprintf(buf, sizeof buf, spec, va_arg(lva, int));
            break;
        case 'p':
            n = snprintf(buf, sizeof buf, spec, va_arg(lva, void *));
            break;
        case 's': {
            const char *s = va_arg(lva, const char *);
            n = snprintf(buf, sizeof buf, spec, s ? s : "(null)");
            if (n >= (int)sizeof buf && s) {
                /* (Long strings without a precision: whole.) */
                text_add(&t, s, strlen(s));
                continue;
            }
            break;
        }
        default:
            /* An unknown conversion (floats among them, as in CPython):
             * the rest is copied as it is. */
            text_add(&t, start, strlen(start));
            p = start + strlen(start);
            continue;
        }
        if (n > 0)
            text_add(&t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    }
    va_end(lva);
    if (t.failed) {
        free(t.text);
        return NULL;
    }
    return t.text;
}

PyObject *PyErr_Format(PyObject *type, const char *format, ...) {
    va_list va;
    va_start(va, format);
    char *msg = vformat(format, va);
    va_end(va);
    if (msg == NULL)
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    PyErr_SetString(type, msg);
    free(msg);
    return NULL;
}

PyObject *PyUnicode_FromFormat(const char *format, ...) {
    va_list va;
    va_start(va, format);
    char *msg = vformat(format, va);
    va_end(va);
    if (msg == NULL)
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    PyObject *s = PyUnicode_FromString(msg);
    free(msg);
    return s;
}

/* ---- PyArg_ParseTuple ------------------------------------------------------ */

/* `type(o).__name__` into buf. */
static void type_name(PyObject *o, char *buf, size_t size) {
    PyObject *t = PyObject_Type(o);
    PyObject *n = t ? PyObject_GetAttrString(t, "__name__") : NULL;
    const char *s = n ? PyUnicode_AsUTF8(n) : NULL;
    snprintf(buf, size, "%s", s ? s : "object");
    Py_DecRef(n);
    Py_DecRef(t);
    PyErr_Clear();
}

/* "NAME() argument N must be WHAT, not TYPE". */
static int must_be(const char *fname, int index, const char *what, PyObject *o) {
    char tn[128];
    type_name(o, tn, sizeof tn);
    if (fname)
        PyErr_Format(PyExc_TypeError, "%s() argument %d must be %s, not %s", fname, index, what, tn);
    else
        PyErr_Format(PyExc_TypeError, "argument %d must be %s, not %s", index, what, tn);
    return 0;
}

/* The text of a str (s, z) or bytes (y) argument. */
static int text_arg(PyObject *o, char kind, const char **s, Py_ssize_t *len) {
    if (kind == 'z' && o == Py_None) {
        *s = NULL;
        *len = 0;
        return 1;
    }
    if (kind == 'y') {
        char *b;
        if (!PyBytes_Check(o) || PyBytes_AsStringAndSize(o, &b, len) < 0)
            return 0;
        *s = b;
        return 1;
    }
    if (!PyUnicode_Check(o))
        return 0;
    *s = PyUnicode_AsUTF8AndSize(o, len);
    return *s != NULL;
}

/* Converts one argument by its format unit (advancing *fmt past it). */
static int convert(PyObject *o, const char **fmt, va_list *va, const char *fname, int index) {
    char c = *(*fmt)++;
    switch (c) {
    case 'b':
    case 'h':
    case 'i':
    case 'l':
    case 'L':
    case 'n':
    case 'B':
    case 'H':
    case 'I':
    case 'k':
    case 'K': {
        if (PyFloat_Check(o)) {
            char tn[128];
            type_name(o, tn, sizeof tn);
            PyErr_Format(PyExc_TypeError, "'%s' object cannot be interpreted as an integer", tn);
            return 0;
        }
        long long v = PyLong_AsLongLong(o);
        if (v == -1 && PyErr_Occurred())
            return 0;
        switch (c) {
        case 'b':
            if (v < 0) { PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is less than minimum"); return 0; }
            if (v > UCHAR_MAX) { PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is greater than maximum"); return 0; }
            *va_arg(*va, unsigned char *) = (unsigned char)v;
            break;
        case 'B': *va_arg(*va, unsigned char *) = (unsigned char)v; break;
        case 'h':
            if (v < SHRT_MIN) { PyErr_SetString(PyExc_OverflowError, "signed short integer is less than minimum"); return 0; }
            if (v > SHRT_MAX) { PyErr_SetString(PyExc_OverflowError, "signed short integer is greater than maximum"); return 0; }
            *va_arg(*va, short *) = (short)v;
            break;
        case 'H': *va_arg(*va, unsigned short *) = (unsigned short)v; break;
        case 'i':
            if (v < INT_MIN) { PyErr_SetString(PyExc_OverflowError, "signed integer is less than minimum"); return 0; }
            if (v > INT_MAX) { PyErr_SetString(PyExc_OverflowError, "signed integer is greater than maximum"); return 0; }
            *va_arg(*va, int *) = (int)v;
            break;
        case 'I': *va_arg(*va, unsigned int *) = (unsigned int)v; break;
        case 'l': *va_arg(*va, long *) = (long)v; break;
        case 'k': *va_arg(*va, unsigned long *) = (unsigned long)v; break;
        case 'L': *va_arg(*va, long long *) = v; break;
        case 'K': *va_arg(*va, unsigned long long *) = (unsigned long long)v; break;
        case 'n': *va_arg(*va, Py_ssize_t *) = (Py_ssize_t)v; break;
        }
        return 1;
    }
    case 'd':
    case 'f': {
        double v = PyFloat_AsDouble(o);
        if (v == -1.0 && PyErr_Occurred())
            return 0;
        if (c == 'd')
            *va_arg(*va, double *) = v;
        else
            *va_arg(*va, float *) = (float)v;
        return 1;
    }
    case 'p': {
        int t = PyObject_IsTrue(o);
        if (t < 0)
            return 0;
        *va_arg(*va, int *) = t;
        return 1;
    }
    case 's':
    case 'z':
    case 'y': {
        const char *s;
        Py_ssize_t len;
        int sized = **fmt == '#';
        if (sized)
            (*fmt)++;
        if (!text_arg(o, c, &s, &len)) {
            PyErr_Clear();
            return must_be(fname, index,
                           c == 'y' ? "bytes" : c == 'z' ? "str or None" : "str", o);
        }
        if (!sized && s != NULL && (Py_ssize_t)strlen(s) != len) {
            PyErr_SetString(PyExc_ValueError, c == 'y' ? "embedded null byte" : "embedded null character");
            return 0;
        }
        *va_arg(*va, const char **) = s;
        if (sized)
            *va_arg(*va, Py_ssize_t *) = len;
        return 1;
    }
    case 'O': {
        if (**fmt == '!') {
            (*fmt)++;
            PyObject *type = va_arg(*va, PyObject *);
            PyObject **out = va_arg(*va, PyObject **);
            int ok = PyObject_IsInstance(o, type);
            if (ok < 0)
                return 0;
            if (!ok) {
                PyObject *n = PyObject_GetAttrString(type, "__name__");
                const char *tn = n ? PyUnicode_AsUTF8(n) : NULL;
                char want[128];
                snprintf(want, sizeof want, "%s", tn ? tn : "object");
                Py_DecRef(n);
                PyErr_Clear();
                return must_be(fname, index, want, o);
            }
            *out = o;
            return 1;
        }
        *va_arg(*va, PyObject **) = o;
        return 1;
    }
    default:
        PyErr_Format(PyExc_SystemError, "bad format character '%c' in PyArg_ParseTuple", c);
        return 0;
    }
}

/* The number of format units before '|' (min) and in all (max), the
 * function name (after ':') and the custom message (after ';'). */
static void shape(const char *format, int *min, int *max, const char **fname,
                  char *name_buf, size_t name_size, const char **message) {
    int units = 0, required = -1;
    const char *p = format;
    *fname = NULL;
    *message = NULL;
    for (; *p; p++) {
        char c = *p;
        if (c == ':') {
            snprintf(name_buf, name_size, "%s", p + 1);
            *fname = name_buf;
            break;
        }
        if (c == ';') {
            *message = p + 1;
            break;
        }
        if (c == '|') {
            required = units;
            continue;
        }
        if (c == '#' || c == '!' || c == '&' || c == '$' || c == ' ')
            continue;
        units++;
    }
    *max = units;
    *min = required < 0 ? units : required;
}

static int parse(PyObject *args, PyObject *kwargs, const char *format, char **keywords, va_list va) {
    int min, max;
    const char *fname, *message;
    char name_buf[128];
    shape(format, &min, &max, &fname, name_buf, sizeof name_buf, &message);
    if (args == NULL || !PyTuple_Check(args)) {
        PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
        return 0;
    }
    Py_ssize_t nargs = PyTuple_Size(args);
    Py_ssize_t nkw = kwargs ? PyDict_Size(kwargs) : 0;
    /* (With keywords, a missing argument is named below.) */
    if ((keywords == NULL && nargs < min) || nargs + nkw > max) {
        if (message) {
            PyErr_SetString(PyExc_TypeError, message);
        } else {
            int bound = nargs < min ? min : max;
            PyErr_Format(PyExc_TypeError, "%s%s takes %s %d argument%s (%zd given)",
                         fname ? fname : "function", fname ? "()" : "",
                         min == max ? "exactly" : nargs < min ? "at least" : "at most",
                         bound, bound == 1 ? "" : "s", nargs);
        }
        return 0;
    }
    va_list lva;
    va_copy(lva, va);
    const char *f = format;
    int index = 0, ok = 1;
    Py_ssize_t used_kw = 0;
    while (ok && *f && *f != ':' && *f != ';') {
        if (*f == '|' || *f == '$' || *f == ' ') {
            f++;
            continue;
        }
        PyObject *o = NULL;
        if (index < nargs) {
            o = PyTuple_GetItem(args, index);
        } else if (kwargs && keywords && keywords[index]) {
            o = PyDict_GetItemString(kwargs, keywords[index]);
            if (o)
                used_kw++;
        }
        if (o == NULL) {
            if (index < min) {
                if (keywords && keywords[index])
                    PyErr_Format(PyExc_TypeError, "%s%s missing required argument '%s' (pos %d)",
                                 fname ? fname : "function", fname ? "()" : "", keywords[index], index + 1);
                else
                    PyErr_Format(PyExc_TypeError, "%s%s takes at least %d argument%s (%zd given)",
                                 fname ? fname : "function", fname ? "()" : "", min, min == 1 ? "" : "s", nargs);
                ok = 0;
                break;
            }
            break; /* the optional rest stays as the caller set it */
        }
        ok = convert(o, &f, &lva, fname, index + 1);
        index++;
    }
    va_end(lva);
    if (ok && used_kw < nkw) {
        PyErr_Format(PyExc_TypeError, "%s%s got an unexpected keyword argument",
                     fname ? fname : "function", fname ? "()" : "");
        ok = 0;
    }
    return ok;
}

int PyArg_VaParse(PyObject *args, const char *format, va_list va) {
    return parse(args, NULL, format, NULL, va);
}

int PyArg_ParseTuple(PyObject *args, const char *format, ...) {
    va_list va;
    va_start(va, format);
    int r = parse(args, NULL, format, NULL, va);
    va_end(va);
    return r;
}

int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                char **keywords, ...) {
    va_list va;
    va_start(va, keywords);
    int r = parse(args, kwargs, format, keywords, va);
    va_end(va);
    return r;
}
