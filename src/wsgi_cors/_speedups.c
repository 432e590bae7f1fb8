/*
 * wsgi_cors._speedups: the optional C accelerator for the pass over a response's
 * headers (see README, "Speed", and wsgi_cors/middleware.py).
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
 * A PreflightAppender does the same for the application's 2xx answer to an allowed
 * origin's CORS-preflight request, in pass-through mode. Bound to the request's
 * (server start_response, grant, environ) tuple, it is called as
 *
 *     preflight(request, status, headers, exc_info=None)
 *
 * When the answer has exactly one Allow header, no Vary or Access-Control-* header, and
 * the policy's memo already holds the headers for (grant, Allow value, requested
 * headers, private network), it calls server_start_response(status, headers without
 * Allow + memoized headers, exc_info), as the Python wrapper does then; in every other
 * case (a memo miss included) it calls the Python wrapper, which decides and logs.
 *
 * No Python code runs between reading the application's list and copying it, so the
 * list cannot change under the loop. The types support the cyclic GC: a fallback closure
 * refers to the grant that holds its Appender.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

/* An Appender or a PreflightAppender. */
typedef struct {
    PyObject_HEAD
    PyObject *fallback;  /* the pure-Python wrapper, same signature */
    PyObject *table;     /* Appender: the list of (name, value) tuples to append;
                            PreflightAppender: the policy's preflight memo (a dict) */
    Py_ssize_t option;   /* Appender: 1 if Access-Control-* names also fall back;
                            PreflightAppender: the longest Access-Control-Request-Headers
                            value looked up in the memo */
    vectorcallfunc vectorcall;
} WrapperObject;

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
    WrapperObject *self = (WrapperObject *)op;
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
        if (!PyUnicode_CheckExact(name) || needs_fallback(name, (int)self->option)) {
            goto fallback;
        }
    }
    /* headers + appended: a new list, since the application may keep its own. */
    PyObject *appended = self->table;
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

/* What a header name on a 2xx preflight answer is to the pass-through fast path. */
enum { NAME_OTHER, NAME_ALLOW, NAME_MERGE };

static int
preflight_name_kind(PyObject *name)
{
    if (!PyUnicode_IS_ASCII(name)) {
        return NAME_MERGE;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(name);
    const unsigned char *s = PyUnicode_1BYTE_DATA(name);
    if (length == 5 && starts_with_ci(s, "allow", 5)) {
        return NAME_ALLOW;
    }
    if ((length == 4 && starts_with_ci(s, "vary", 4))
        || (length >= CORS_PREFIX_LENGTH && starts_with_ci(s, CORS_PREFIX, CORS_PREFIX_LENGTH))) {
        return NAME_MERGE;
    }
    return NAME_OTHER;
}

static PyObject *ACRH;   /* "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" */
static PyObject *ACRPN;  /* "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK" */

/* The memoized headers for a preflight with this grant, environ and Allow value: 1 and
 * a new reference in *answer; 0 when the Python code must decide (not memoized yet, a
 * long or odd request header); -1 with an exception set. */
static int
memo_answer(WrapperObject *self, PyObject *grant, PyObject *environ, PyObject *allow,
            PyObject **answer)
{
    PyObject *requested = PyDict_GetItemWithError(environ, ACRH);
    if (requested == NULL) {
        if (PyErr_Occurred()) {
            return -1;
        }
        requested = Py_None;
    }
    else if (!PyUnicode_CheckExact(requested)
             || PyUnicode_GET_LENGTH(requested) > self->option) {
        return 0;
    }
    Py_INCREF(requested);
    PyObject *private_network = Py_False;
    PyObject *flag = PyDict_GetItemWithError(environ, ACRPN);
    if (flag == NULL) {
        if (PyErr_Occurred()) {
            Py_DECREF(requested);
            return -1;
        }
    }
    else if (!PyUnicode_CheckExact(flag)) {
        Py_DECREF(requested);
        return 0;
    }
    else if (PyUnicode_CompareWithASCIIString(flag, "true") == 0) {
        private_network = Py_True;
    }
    /* The key preflight_answer() uses in Python: (grant, Allow, requested, bool). */
    PyObject *key = PyTuple_Pack(4, grant, allow, requested, private_network);
    Py_DECREF(requested);
    if (key == NULL) {
        return -1;
    }
    PyObject *found = PyDict_GetItemWithError(self->table, key);
    Py_DECREF(key);
    if (found == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (!PyTuple_CheckExact(found)) {
        return 0;
    }
    Py_INCREF(found);  /* the memo may be cleared by another request's miss */
    *answer = found;
    return 1;
}

static PyObject *
preflight_vectorcall(PyObject *op, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    WrapperObject *self = (WrapperObject *)op;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL || nargs < 3 || nargs > 4) {
        goto fallback;
    }
    PyObject *request = args[0], *status = args[1], *headers = args[2];
    if (!PyTuple_CheckExact(request) || PyTuple_GET_SIZE(request) != 3
        || !PyUnicode_CheckExact(status) || PyUnicode_GET_LENGTH(status) == 0
        || PyUnicode_READ_CHAR(status, 0) != '2' || !PyList_CheckExact(headers)
        || !PyDict_CheckExact(PyTuple_GET_ITEM(request, 2))) {
        goto fallback;
    }
    PyObject *environ = PyTuple_GET_ITEM(request, 2);

    Py_ssize_t count = PyList_GET_SIZE(headers);
    Py_ssize_t allow_index = -1;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *item = PyList_GET_ITEM(headers, i);
        if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) != 2
            || !PyUnicode_CheckExact(PyTuple_GET_ITEM(item, 0))) {
            goto fallback;
        }
        int kind = preflight_name_kind(PyTuple_GET_ITEM(item, 0));
        if (kind == NAME_MERGE || (kind == NAME_ALLOW && allow_index >= 0)) {
            goto fallback;
        }
        if (kind == NAME_ALLOW) {
            allow_index = i;
        }
    }
    if (allow_index < 0) {
        goto fallback;
    }
    PyObject *allow = PyTuple_GET_ITEM(PyList_GET_ITEM(headers, allow_index), 1);
    if (!PyUnicode_CheckExact(allow)) {
        goto fallback;
    }

    /* The application's headers but its Allow, copied before the look-ups below, which
     * compare keys and so could run Python code that changes the list. */
    PyObject *new_headers = PyList_New(count - 1);
    if (new_headers == NULL) {
        return NULL;
    }
    Py_ssize_t j = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        if (i != allow_index) {
            PyObject *item = PyList_GET_ITEM(headers, i);
            Py_INCREF(item);
            PyList_SET_ITEM(new_headers, j++, item);
        }
    }
    Py_INCREF(allow);
    PyObject *answer = NULL;
    int found = memo_answer(self, PyTuple_GET_ITEM(request, 1), environ, allow, &answer);
    Py_DECREF(allow);
    if (found <= 0) {
        Py_DECREF(new_headers);
        if (found < 0) {
            return NULL;
        }
        goto fallback;  /* not memoized yet: the Python code decides and remembers */
    }
    /* Then the memoized answer. */
    int failed = PyList_SetSlice(new_headers, count - 1, count - 1, answer);
    Py_DECREF(answer);
    if (failed) {
        Py_DECREF(new_headers);
        return NULL;
    }
    PyObject *call_args[4] = {NULL, status, new_headers, nargs == 4 ? args[3] : Py_None};
    PyObject *result = PyObject_Vectorcall(
        PyTuple_GET_ITEM(request, 0), call_args + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    Py_DECREF(new_headers);
    return result;

fallback:
    return PyObject_Vectorcall(self->fallback, args, nargsf, kwnames);
}

/* The shared part of both constructors: a new wrapper, or NULL with an exception. */
static PyObject *
wrapper_new(PyTypeObject *type, PyObject *fallback, PyObject *table, Py_ssize_t option,
            vectorcallfunc vectorcall)
{
    if (!PyCallable_Check(fallback)) {
        PyErr_Format(PyExc_TypeError, "%.100s: fallback must be callable, not %.100s",
                     type->tp_name, Py_TYPE(fallback)->tp_name);
        return NULL;
    }
    WrapperObject *self = (WrapperObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    Py_INCREF(fallback);
    self->fallback = fallback;
    Py_INCREF(table);
    self->table = table;
    self->option = option;
    self->vectorcall = vectorcall;
    return (PyObject *)self;
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
    Py_ssize_t extra = PyList_GET_SIZE(appended);
    for (Py_ssize_t i = 0; i < extra; i++) {
        PyObject *item = PyList_GET_ITEM(appended, i);
        if (!PyTuple_CheckExact(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError,
                            "Appender: appended must be a list of (name, value) tuples");
            return NULL;
        }
    }
    /* A copy, so that changing the caller's list later changes nothing here. */
    PyObject *copy = PyList_GetSlice(appended, 0, extra);
    if (copy == NULL) {
        return NULL;
    }
    PyObject *self = wrapper_new(type, fallback, copy, cors_names, appender_vectorcall);
    Py_DECREF(copy);
    return self;
}

static PyObject *
preflight_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"fallback", "memo", "max_requested", NULL};
    PyObject *fallback, *memo;
    Py_ssize_t max_requested;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!n:PreflightAppender", keywords,
                                     &fallback, &PyDict_Type, &memo, &max_requested)) {
        return NULL;
    }
    /* The policy's own dict, not a copy: the entries it gains later are wanted here. */
    return wrapper_new(type, fallback, memo, max_requested, preflight_vectorcall);
}

static int
wrapper_traverse(WrapperObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->fallback);
    Py_VISIT(self->table);
    return 0;
}

static int
wrapper_clear(WrapperObject *self)
{
    Py_CLEAR(self->fallback);
    Py_CLEAR(self->table);
    return 0;
}

static void
wrapper_dealloc(WrapperObject *self)
{
    PyObject_GC_UnTrack(self);
    wrapper_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
wrapper_repr(WrapperObject *self)
{
    return PyUnicode_FromFormat("<%s for %R>", Py_TYPE(self)->tp_name, self->fallback);
}

PyDoc_STRVAR(appender_doc,
"Appender(fallback, appended, cors_names)\n"
"--\n"
"\n"
"A start_response wrapper: called as (start_response, status, headers, exc_info=None),\n"
"it calls start_response(status, headers + appended, exc_info) when headers is a list\n"
"of (str, str) tuples with no Vary name (nor Access-Control-* name if cors_names), and\n"
"fallback with the same arguments otherwise.");

PyDoc_STRVAR(preflight_doc,
"PreflightAppender(fallback, memo, max_requested)\n"
"--\n"
"\n"
"A start_response wrapper for a pass-through preflight answer: called as\n"
"((start_response, grant, environ), status, headers, exc_info=None), it answers from\n"
"memo in the common case and calls fallback with the same arguments otherwise.");

#define WRAPPER_TYPE(NAME, DOC, NEW)                                                   \
    {                                                                                  \
        PyVarObject_HEAD_INIT(NULL, 0)                                                 \
        .tp_name = "wsgi_cors._speedups." NAME,                                        \
        .tp_doc = DOC,                                                                 \
        .tp_basicsize = sizeof(WrapperObject),                                         \
        .tp_dealloc = (destructor)wrapper_dealloc,                                     \
        .tp_repr = (reprfunc)wrapper_repr,                                             \
        .tp_vectorcall_offset = offsetof(WrapperObject, vectorcall),                   \
        .tp_call = PyVectorcall_Call,                                                  \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL, \
        .tp_traverse = (traverseproc)wrapper_traverse,                                 \
        .tp_clear = (inquiry)wrapper_clear,                                            \
        .tp_new = NEW,                                                                 \
    }

static PyTypeObject AppenderType = WRAPPER_TYPE("Appender", appender_doc, appender_new);
static PyTypeObject PreflightType =
    WRAPPER_TYPE("PreflightAppender", preflight_doc, preflight_new);

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "wsgi_cors._speedups",
    .m_doc = "The optional C accelerator of wsgi_cors's response-header pass.",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (PyType_Ready(&AppenderType) < 0 || PyType_Ready(&PreflightType) < 0) {
        return NULL;
    }
    if (ACRH == NULL) {
        ACRH = PyUnicode_InternFromString("HTTP_ACCESS_CONTROL_REQUEST_HEADERS");
        ACRPN = PyUnicode_InternFromString("HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK");
        if (ACRH == NULL || ACRPN == NULL) {
            return NULL;
        }
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
    Py_INCREF(&PreflightType);
    if (PyModule_AddObject(module, "PreflightAppender", (PyObject *)&PreflightType) < 0) {
        Py_DECREF(&PreflightType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
