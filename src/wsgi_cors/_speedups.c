/*
 * wsgi_cors._speedups: the optional C accelerator for the one pass over an actual
 * response's headers (see README, "Speed", and wsgi_cors/middleware.py).
 *
 * An Appender stands in for one of the middleware's pure-Python start_response
 * wrappers, whose signature it keeps:
 *
 *     appender(server_start_response, status, headers, exc_info=None)
 *
 * It is bound per request to the server's start_response with types.MethodType, as
 * the Python wrapper is. In the common case (headers is a list of (str, str) tuples
 * with no name the middleware must merge with) it calls
 *
 *     server_start_response(status, headers + appended, exc_info)
 *
 * which is what the Python wrapper does then. In every other case (a Vary header, an
 * Access-Control-* header when cors_names is true, a non-ASCII or non-str name, an
 * item that is not a 2-tuple, a list subclass, exc_info given by keyword, a wrong
 * number of arguments) it calls the Python wrapper, its `fallback`, with the very same
 * arguments, so merging, errors and every odd input behave exactly as without the
 * accelerator. Name tests are ASCII case-insensitive; a non-ASCII name always falls
 * back, so they agree with the Python code's str.lower() comparisons.
 *
 * No Python code runs between reading the list and building the new one, so the list
 * cannot change under the loop. The type supports the cyclic GC: a fallback closure
 * refers to the grant that holds its Appender.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyObject *fallback;  /* the pure-Python wrapper, same signature */
    PyObject *appended;  /* a list of (name, value) tuples to append */
    int cors_names;      /* Access-Control-* names also go to the fallback */
    vectorcallfunc vectorcall;
} AppenderObject;

static inline unsigned char
lower_ascii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Do the first n characters of s equal `lower` (all lower case), ignoring ASCII case? */
static int
starts_with_ci(const unsigned char *s, const char *lower, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        if (lower_ascii(s[i]) != (unsigned char)lower[i]) {
            return 0;
        }
    }
    return 1;
}

#define CORS_PREFIX "access-control-"
#define CORS_PREFIX_LENGTH ((Py_ssize_t)(sizeof(CORS_PREFIX) - 1))

/* Must a response with this header name go to the fallback (which merges)? */
static int
needs_fallback(PyObject *name, int cors_names)
{
    if (!PyUnicode_IS_ASCII(name)) {
        return 1;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    const unsigned char *s = PyUnicode_1BYTE_DATA(name);
    if (length == 4) {
        return starts_with_ci(s, "vary", 4);
    }
    return cors_names && length >= CORS_PREFIX_LENGTH
           && starts_with_ci(s, CORS_PREFIX, CORS_PREFIX_LENGTH);
}

static PyObject *
appender_vectorcall(PyObject *op, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    AppenderObject *self = (AppenderObject *)op;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL || nargs < 3 || nargs > 4 || !PyList_CheckExact(args[2])) {
        goto fallback;
    }
    PyObject *headers = args[2];
    Py_ssize_t count = PyList_GET_SIZE(headers);
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(headers, i);
        if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) != 2) {
            goto fallback;
        }
        PyObject *name = PyTuple_GET_ITEM(item, 0);
        if (!PyUnicode_CheckExact(name) || needs_fallback(name, self->cors_names)) {
            goto fallback;
        }
    }
    /* headers + appended: a new list, since the application may keep its own. */
    PyObject *appended = self->appended;
    Py_ssize_t extra = PyList_GET_SIZE(appended);
    PyObject *new_headers = PyList_New(count + extra);
    if (new_headers == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(headers, i);
        Py_INCREF(item);
        PyList_SET_ITEM(new_headers, i, item);
    }
    for (Py_ssize_t i = 0; i < extra; i++) {
        PyObject *item = PyList_GET_ITEM(appended, i);
        Py_INCREF(item);
        PyList_SET_ITEM(new_headers, count + i, item);
    }
    /* Slot 0 is free for the callee (PY_VECTORCALL_ARGUMENTS_OFFSET). */
    PyObject *call_args[4] = {NULL, args[1], new_headers, nargs == 4 ? args[3] : Py_None};
    PyObject *result = PyObject_Vectorcall(
        args[0], call_args + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    Py_DECREF(new_headers);
    return result;

fallback:
    return PyObject_Vectorcall(self->fallback, args, nargsf, kwnames);
}

static PyObject *
appender_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"fallback", "appended", "cors_names", NULL};
    PyObject *fallback, *appended;
    int cors_names;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!p:Appender", keywords, &fallback,
                                     &PyList_Type, &appended, &cors_names)) {
        return NULL;
    }
    if (!PyCallable_Check(fallback)) {
        PyErr_Format(PyExc_TypeError, "Appender: fallback must be callable, not %.100s",
                     Py_TYPE(fallback)->tp_name);
        return NULL;
    }
    Py_ssize_t extra = PyList_GET_SIZE(appended);
    for (Py_ssize_t i = 0; i < extra; i++) {
        PyObject *item = PyList_GET_ITEM(appended, i);
        if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError,
                            "Appender: appended must be a list of (name, value) tuples");
            return NULL;
        }
    }
    AppenderObject *self = (AppenderObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    /* A copy, so that changing the caller's list later changes nothing here. */
    self->appended = PyList_GetSlice(appended, 0, extra);
    if (self->appended == NULL) {
        Py_DECREF(self);
        return NULL;
    }
    Py_INCREF(fallback);
    self->fallback = fallback;
    self->cors_names = cors_names;
    self->vectorcall = appender_vectorcall;
    return (PyObject *)self;
}

static int
appender_traverse(AppenderObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->fallback);
    Py_VISIT(self->appended);
    return 0;
}

static int
appender_clear(AppenderObject *self)
{
    Py_CLEAR(self->fallback);
    Py_CLEAR(self->appended);
    return 0;
}

static void
appender_dealloc(AppenderObject *self)
{
    PyObject_GC_UnTrack(self);
    appender_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
appender_repr(AppenderObject *self)
{
    return PyUnicode_FromFormat("<wsgi_cors._speedups.Appender for %R>", self->fallback);
}

PyDoc_STRVAR(appender_doc,
"Appender(fallback, appended, cors_names)\n"
"--\n"
"\n"
"A start_response wrapper: called as (start_response, status, headers, exc_info=None),\n"
"it calls start_response(status, headers + appended, exc_info) when headers is a list\n"
"of (str, str) tuples with no Vary name (nor Access-Control-* name if cors_names), and\n"
"fallback with the same arguments otherwise.");

static PyTypeObject AppenderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "wsgi_cors._speedups.Appender",
    .tp_doc = appender_doc,
    .tp_basicsize = sizeof(AppenderObject),
    .tp_dealloc = (destructor)appender_dealloc,
    .tp_repr = (reprfunc)appender_repr,
    .tp_vectorcall_offset = offsetof(AppenderObject, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_traverse = (traverseproc)appender_traverse,
    .tp_clear = (inquiry)appender_clear,
    .tp_new = appender_new,
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "wsgi_cors._speedups",
    .m_doc = "The optional C accelerator of wsgi_cors's response-header pass.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (PyType_Ready(&AppenderType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&speedups_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&AppenderType);
    if (PyModule_AddObject(module, "Appender", (PyObject *)&AppenderType) < 0) {
        Py_DECREF(&AppenderType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
