"""The optional C accelerator, ``wsgi_cors._speedups``, against the pure-Python code.

Its ``Appender`` stands in for the pure-Python ``start_response`` wrappers; these tests
call both with the same arguments (Hypothesis draws odd header lists too: Vary and
Access-Control-* names in any case, non-ASCII and non-str names, items that are not
2-tuples, tuples instead of lists, ``exc_info`` by keyword) and require the same call
to the server's ``start_response``, the same return value and the same exception.
They also count references, so that a leak or a missing reference in the C code fails.

The rest of the suite runs with whichever implementation is in use; ``.ci/run`` runs it
once with the accelerator and once with ``WSGI_CORS_PURE_PYTHON=1``. With
``WSGI_CORS_REQUIRE_SPEEDUPS`` set (as in CI), a missing accelerator is a failure, not
a skip.
"""

from __future__ import annotations

import gc
import os
import sys
import weakref
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wsgi_cors import CORSMiddleware, middleware

try:
    from wsgi_cors._speedups import Appender, PreflightAppender
except ImportError:  # pragma: no cover - depends on the build
    if os.environ.get("WSGI_CORS_REQUIRE_SPEEDUPS"):
        raise
    pytest.skip("the C accelerator is not built", allow_module_level=True)

ORIGIN = "https://app.example.com"

NAMES = [
    "Content-Type",
    "Content-Length",
    "X-Request-Id",
    "Vary",
    "vary",
    "VARY",
    "vArY",
    "Varx",
    "Vary ",
    "X-Vary",
    "V\u00e1ry",
    "\uff36ary",
    "Access-Control-Allow-Origin",
    "access-control-allow-origin",
    "ACCESS-CONTROL-ALLOW-CREDENTIALS",
    "Access-Control-Expose-Headers",
    "Access-Control-Max-Age",
    "Access-Control-",
    "Access-Control",
    "Access_Control-Allow-Origin",
    "Acce\u017f\u017f-Control-Allow-Origin",
    "Allow",
]
VALUES = ["Origin", "origin", "*", "Accept-Encoding", "", "https://app.example.com", "true"]

names = st.one_of(st.sampled_from(NAMES), st.text(max_size=40))
pairs = st.tuples(names, st.one_of(st.sampled_from(VALUES), st.text(max_size=20)))
odd_items = st.one_of(
    pairs.map(list),
    st.tuples(names),
    st.tuples(names, st.just("a"), st.just("b")),
    st.tuples(st.one_of(st.binary(max_size=8), st.integers(), st.none()), st.just("v")),
)
items = st.one_of(pairs, pairs, pairs, odd_items)


class HeaderList(list[Any]):
    """A list subclass: the accelerator leaves it to the Python code."""


header_lists = st.one_of(
    st.lists(pairs, max_size=8),
    st.lists(items, max_size=8),
    st.lists(pairs, max_size=8).map(tuple),
    st.lists(pairs, max_size=8).map(HeaderList),
)
exc_infos = st.sampled_from(["none", "default", "positional", "keyword"])


def _grants() -> list[Any]:
    """Every grant kind of a credentials policy with exposed headers, and of ``*``."""
    with_credentials = CORSMiddleware(
        lambda e, s: [],
        allow_origins=[ORIGIN, "https://other.example.com"],
        allow_credentials=[ORIGIN],
        expose_headers=["X-Token", "X-Request-Id"],
    )
    star = CORSMiddleware(lambda e, s: [])
    grants = list(with_credentials._exact.values())
    assert star._default is not None
    return [*grants, star._default]


GRANTS = _grants()


def _wrapper_pairs() -> list[tuple[Any, Any]]:
    """(accelerated, pure-Python) wrapper pairs, for Vary-only and for each grant."""
    vary = (
        Appender(middleware._vary_start_response_py, middleware._VARY_ORIGIN, False),
        middleware._vary_start_response_py,
    )
    grants = [
        (Appender(python, grant.actual_headers, True), python)
        for grant in GRANTS
        for python in [middleware._grant_start_response(grant)]
    ]
    return [vary, *grants]


WRAPPERS = _wrapper_pairs()


EXC_INFO = (ValueError, ValueError("boom"), None)


class Recorder:
    """A server's ``start_response``: records its calls, returns a ``write`` stand-in."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __call__(self, status: str, headers: Any, exc_info: Any = None) -> Any:
        self.calls.append((status, list(headers), exc_info))
        return self.write

    def write(self, data: bytes) -> None:  # pragma: no cover - never called
        pass


def _call(
    wrapper: Any,
    headers: Any,
    how: str,
    *,
    status: str | None = None,
    grant: Any = None,
    environ: Any = None,
) -> tuple[str, Any, list[tuple[Any, ...]]]:
    """Call *wrapper* as a server would, with ``exc_info`` passed as *how* says;
    ("ok", None, calls) or ("raise", exception type, calls). A preflight wrapper (given
    an *environ*) is bound to (start_response, grant, environ), as the middleware does."""
    recorder = Recorder()
    first = recorder if environ is None else (recorder, grant, environ)
    if status is None:
        status = "200 OK" if how in ("none", "default") else "500 Oops"
    extra = {"none": (None,), "default": (), "positional": (EXC_INFO,), "keyword": ()}[how]
    keywords = {"exc_info": EXC_INFO} if how == "keyword" else {}
    try:
        result = wrapper(first, status, headers, *extra, **keywords)
    except Exception as error:  # the same exception type is required of both
        return "raise", type(error), recorder.calls
    assert result == recorder.write
    return "ok", None, recorder.calls


@settings(max_examples=400, deadline=None)
@given(
    which=st.integers(0, len(WRAPPERS) - 1),
    headers=header_lists,
    how=exc_infos,
)
def test_same_as_pure_python(which: int, headers: Any, how: str) -> None:
    accelerated, python = WRAPPERS[which]
    copy = type(headers)(headers)
    assert _call(accelerated, headers, how) == _call(python, copy, how)
    assert headers == copy  # the application's list is never changed


@pytest.mark.parametrize("accelerated,python", WRAPPERS)
@pytest.mark.parametrize("name", [n for n in NAMES if n != "Allow"])
def test_every_listed_name(accelerated: Any, python: Any, name: str) -> None:
    """Each interesting name, alone and among plain ones, in both implementations."""
    for headers in ([(name, "Origin")], [("Content-Type", "text/plain"), (name, "x"), ("A", "b")]):
        assert _call(accelerated, list(headers), "none") == _call(python, list(headers), "none")


ODD_HEADERS = [
    [()],
    [("X-A",)],
    [("X-A", "b", "c")],
    [["X-A", "b"]],
    [(b"X-A", "b")],
    [(1, "b")],
    [(None, "b")],
    [("X-A", "b"), ("X-B",)],
    (("X-A", "b"),),
    HeaderList([("X-A", "b")]),
    "not a list",
    None,
]


@pytest.mark.parametrize("accelerated,python", WRAPPERS)
@pytest.mark.parametrize("headers", ODD_HEADERS, ids=repr)
def test_odd_header_lists(accelerated: Any, python: Any, headers: Any) -> None:
    """What a broken application may pass: the Python code's answer or exception."""
    assert _call(accelerated, headers, "none") == _call(python, headers, "none")


def test_wrong_argument_counts_fail_like_python() -> None:
    for accelerated, python in WRAPPERS:
        for args in [
            (),
            (Recorder(),),
            (Recorder(), "200 OK"),
            (Recorder(), "200 OK", [], None, 1),
        ]:
            with pytest.raises(TypeError):
                python(*args)
            with pytest.raises(TypeError):
                accelerated(*args)


def test_the_common_case_is_done_in_c() -> None:
    """With no name to merge, the fallback is not called (else the accelerator is idle)."""
    calls = []

    def fallback(*args: Any, **kwargs: Any) -> None:
        calls.append(args)

    appender = Appender(fallback, [("Vary", "Origin")], True)
    recorder = Recorder()
    appender(recorder, "200 OK", [("Content-Type", "text/plain")])
    assert calls == []
    assert recorder.calls == [
        ("200 OK", [("Content-Type", "text/plain"), ("Vary", "Origin")], None)
    ]
    appender(recorder, "200 OK", [("Access-Control-Allow-Origin", "*")])
    assert len(calls) == 1


def test_appended_is_copied() -> None:
    appended = [("Vary", "Origin")]
    appender = Appender(middleware._vary_start_response_py, appended, False)
    appended.append(("X-Late", "1"))
    recorder = Recorder()
    appender(recorder, "200 OK", [])
    assert recorder.calls == [("200 OK", [("Vary", "Origin")], None)]


@pytest.mark.parametrize(
    "args,message",
    [
        ((1, [], False), "fallback must be callable"),
        ((print, (("Vary", "Origin"),), False), "must be list"),
        ((print, [("Vary",)], False), "list of \\(name, value\\) tuples"),
        ((print, [["Vary", "Origin"]], False), "list of \\(name, value\\) tuples"),
    ],
)
def test_constructor_errors(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        Appender(*args)


def test_no_reference_is_leaked_or_lost() -> None:
    """Reference counts of everything the C code touches are the same after 1000 calls."""
    name, value, status = "X-Unique-Name-For-Refcount", "a value", "299 Refcount"
    item = (name, value)
    appended_item = ("X-Appended", "v")
    appender = Appender(lambda *a, **k: None, [appended_item], True)
    merging = (("Vary", "Accept"),)
    recorder_calls: list[Any] = []

    def start_response(s: str, h: Any, e: Any = None) -> Any:
        recorder_calls.append(h)
        return None

    def counts() -> list[int]:
        return [
            sys.getrefcount(o) for o in (item, appended_item, status, start_response, merging[0])
        ]

    for _ in range(3):  # warm up caches that keep references
        appender(start_response, status, [item])
    recorder_calls.clear()
    before = counts()
    for _ in range(1000):
        appender(start_response, status, [item])
        appender(start_response, status, [item, merging[0]])  # the fallback path
        appender(start_response, status, [item], None)
    assert len(recorder_calls) == 2000
    recorder_calls.clear()
    assert counts() == before


def test_a_cycle_through_the_fallback_is_collected() -> None:
    """A grant holds its Appender, whose fallback closure holds the grant: the cyclic GC
    must see through the Appender (tp_traverse), or every middleware would leak."""

    class Holder:
        appender: Any = None

    holder = Holder()
    holder.appender = Appender(lambda *a, held=holder: held, [], False)
    ref = weakref.ref(holder)
    del holder
    gc.collect()
    assert ref() is None


# -- pass-through preflight answers ------------------------------------------------


def _preflight_policies() -> list[tuple[Any, Any, list[Any]]]:
    """(accelerated, pure-Python, grants) for two pass-through policies: Falcon-like
    with credentials and private network, and one that checks requested headers."""
    out = []
    for options in (
        {
            "allow_origins": [ORIGIN, "https://other.example.com"],
            "allow_credentials": [ORIGIN],
            "expose_headers": ["X-Token"],
            "allow_private_network": True,
        },
        {"allow_origins": [ORIGIN], "allow_headers": ["content-type"], "max_age": None},
    ):
        cors = CORSMiddleware(lambda e, s: [], **options)
        accelerated = PreflightAppender(
            middleware._preflight_start_response,
            cors.policy.preflight_memo,
            middleware.MAX_MEMO_VALUE_LENGTH,
        )
        out.append((accelerated, middleware._preflight_start_response, list(cors._exact.values())))
    return out


PREFLIGHT_POLICIES = _preflight_policies()
ALLOW_NAMES = ["Allow", "allow", "ALLOW", "aLLow", "Allow ", "Allo"]
preflight_names = st.one_of(st.sampled_from([*NAMES, *ALLOW_NAMES]), st.text(max_size=12))
preflight_pairs = st.tuples(
    preflight_names, st.sampled_from(["GET, PUT", "GET", "", "OPTIONS, PUT, DELETE", "0"])
)
preflight_items = st.one_of(preflight_pairs, preflight_pairs, preflight_pairs, odd_items)
preflight_lists = st.one_of(
    st.lists(preflight_pairs, max_size=6).map(lambda h: [("Allow", "GET, PUT"), *h]),
    st.lists(preflight_pairs, max_size=6).map(lambda h: [*h, ("Allow", "GET, PUT")]),
    st.lists(preflight_items, max_size=6),
    st.lists(preflight_pairs, max_size=6).map(tuple),
)
environs = st.fixed_dictionaries(
    {"REQUEST_METHOD": st.just("OPTIONS")},
    optional={
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": st.sampled_from(
            ["content-type", "content-type, x-token", "X-Token", "", "a" * 600, "x" * 512]
        ),
        "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK": st.sampled_from(["true", "TRUE", ""]),
    },
)
statuses = st.sampled_from(["200 OK", "204 No Content", "404 Not Found", "500 Oops", "2", ""])


@settings(max_examples=500, deadline=None)
@given(
    which=st.integers(0, len(PREFLIGHT_POLICIES) - 1),
    grant_index=st.integers(0, 1),
    environ=environs,
    status=statuses,
    headers=preflight_lists,
    how=exc_infos,
    warm=st.booleans(),
)
def test_preflight_same_as_pure_python(
    which: int, grant_index: int, environ: Any, status: str, headers: Any, how: str, warm: bool
) -> None:
    """Warm: the Python code answers first, so that the memo holds the answer and the
    accelerator's own path runs; cold: the accelerator first, on an empty memo."""
    accelerated, python, grants = PREFLIGHT_POLICIES[which]
    grant = grants[grant_index % len(grants)]
    copy = type(headers)(headers)

    def call(wrapper: Any, headers: Any) -> Any:
        return _call(wrapper, headers, how, status=status, grant=grant, environ=environ)

    if warm:
        expected = call(python, copy)
        actual = call(accelerated, headers)
    else:
        grant.policy.preflight_memo.clear()
        actual = call(accelerated, headers)
        expected = call(python, copy)
    assert actual == expected
    assert headers == copy


PN = "HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"
PREFLIGHT_CASES = [
    ("200 OK", [("Allow", "GET, PUT")], {}),
    ("204 No Content", [("allow", "GET, PUT"), ("Content-Length", "0")], {}),
    ("200 OK", [("Allow", "GET, PUT"), ("allow", "GET, PUT")], {}),
    ("200 OK", [("ALLOW", "GET"), ("Allow", "GET, PUT")], {}),
    ("200 OK", [("Allow", "GET, PUT"), ("Vary", "Accept")], {}),
    ("200 OK", [("Allow", "GET, PUT"), ("Access-Control-Max-Age", "5")], {}),
    ("200 OK", [("Allow", 5)], {}),
    ("200 OK", [("Allow", "GET, PUT")], {PN: "true"}),
    ("200 OK", [("Allow", "GET, PUT")], {PN: "True"}),
    ("404 Not Found", [("Allow", "GET, PUT")], {}),
    ("500 Oops", [("Allow", "GET, PUT")], {PN: "true"}),
    ("299 Odd", [("Allow", "GET, PUT")], {}),
    ("2", [("Allow", "GET, PUT")], {}),
    ("", [("Allow", "GET, PUT")], {}),
    ("200 OK", [("Allow", "GET, PUT")], {"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "x" * 513}),
]


@pytest.mark.parametrize("status,headers,extra", PREFLIGHT_CASES)
@pytest.mark.parametrize("which", range(len(PREFLIGHT_POLICIES)))
def test_preflight_cases_on_a_warm_memo(
    which: int, status: str, headers: Any, extra: dict[str, str]
) -> None:
    """Each case after the memo was filled by ordinary answers for the same request
    (so that a wrong fast path would find an answer to use)."""
    accelerated, python, grants = PREFLIGHT_POLICIES[which]
    grant = grants[0]
    environ = {"REQUEST_METHOD": "OPTIONS", **extra}
    for allow in ("GET, PUT", "GET", "GET, PUT, GET, PUT", "GET, GET, PUT"):
        _call(python, [("Allow", allow)], "none", grant=grant, environ=environ)
    expected = _call(python, list(headers), "none", status=status, grant=grant, environ=environ)
    assert (
        _call(accelerated, list(headers), "none", status=status, grant=grant, environ=environ)
        == expected
    )


def test_preflight_answered_in_c_from_the_memo() -> None:
    """On a memo hit the fallback is not called; on a miss it is."""
    calls = []

    def fallback(*args: Any, **kwargs: Any) -> None:
        calls.append(args)

    grant = object()
    answer = (("Access-Control-Allow-Origin", ORIGIN), ("Access-Control-Allow-Methods", "PUT"))
    memo = {(grant, "GET, PUT", "x-token", False): answer}
    preflight = PreflightAppender(fallback, memo, 512)
    recorder = Recorder()
    environ = {"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "x-token"}
    headers = [("Content-Length", "0"), ("Allow", "GET, PUT"), ("X-Id", "1")]
    preflight((recorder, grant, environ), "200 OK", headers)
    assert calls == []
    assert recorder.calls == [("200 OK", [("Content-Length", "0"), ("X-Id", "1"), *answer], None)]
    environ["HTTP_ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK"] = "true"  # another key
    preflight((recorder, grant, environ), "200 OK", headers)
    assert len(calls) == 1


def test_preflight_constructor_errors() -> None:
    with pytest.raises(TypeError, match="fallback must be callable"):
        PreflightAppender(1, {}, 512)
    with pytest.raises(TypeError, match="must be dict"):
        PreflightAppender(print, [], 512)


def test_preflight_no_reference_is_leaked_or_lost() -> None:
    grant = object()
    allow, requested, status = "GET, PUT, X-Refcount", "x-refcount-token", "204 Refcount"
    answer = (("Access-Control-Allow-Methods", allow),)
    memo = {(grant, allow, requested, False): answer}
    preflight = PreflightAppender(lambda *a, **k: None, memo, 512)
    environ = {"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": requested}
    kept: list[Any] = []

    def start_response(s: str, h: Any, e: Any = None) -> Any:
        kept.append(h)

    item = ("Allow", allow)
    request = (start_response, grant, environ)

    def counts() -> list[int]:
        objects = (grant, allow, requested, status, answer, answer[0], item, request)
        return [sys.getrefcount(o) for o in objects]

    for _ in range(3):
        preflight(request, status, [item])
    kept.clear()
    before = counts()
    for _ in range(1000):
        preflight(request, status, [item])
        preflight(request, status, [item, ("Vary", "Origin")])  # the fallback path
    assert len(kept) == 1000
    kept.clear()
    assert counts() == before


def test_the_middleware_uses_it() -> None:
    cors = CORSMiddleware(lambda e, s: [], allow_origins=[ORIGIN])
    if os.environ.get("WSGI_CORS_PURE_PYTHON"):
        assert not middleware.SPEEDUPS
        assert middleware._vary_start_response is middleware._vary_start_response_py
        assert cors._preflight_start_response is middleware._preflight_start_response
    else:
        assert middleware.SPEEDUPS
        assert isinstance(middleware._vary_start_response, Appender)
        assert all(isinstance(grant.start_response, Appender) for grant in GRANTS)
        assert isinstance(cors._preflight_start_response, PreflightAppender)
