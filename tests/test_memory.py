"""Memory stays bounded under ever new origins, without help from the garbage collector.

A grant made for an origin matched by a pattern lives in a bounded memo; when the memo
is emptied, the grant must be freed at once by reference counting. If anything made per
grant referred back to it (a start_response wrapper's closure holding its grant did, in
0.1), each evicted grant would wait in a reference cycle for a full collection, and a
worker's memory would climb by megabytes under a load of many distinct origins.
"""

from __future__ import annotations

import gc
import sys
import weakref

import pytest

from wsgi_call import call, plain_app
from wsgi_cors import CORSMiddleware, Grant

MEMO_SIZE = 1024  # the policy's bound on remembered matches

#: For the tests of memory freed "at once": CPython frees an object when its last
#: reference goes, PyPy only at its next garbage collection, and PyPy has no
#: ``tracemalloc`` (``.ci/run`` runs the quick suite on PyPy too).
CPYTHON_ONLY = pytest.mark.skipif(
    sys.implementation.name != "cpython",
    reason="reference counting and tracemalloc are CPython's",
)
pytestmark = [CPYTHON_ONLY, pytest.mark.load]


def live_grants() -> int:
    # type(), not isinstance(): a lazy proxy (Django's settings) answers __class__ by
    # loading what it stands for, which may fail when it is not configured.
    return sum(1 for obj in gc.get_objects() if type(obj) is Grant)


@pytest.fixture
def no_gc():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def requests(app, origins, preflight: bool) -> None:
    for origin in origins:
        if preflight:
            headers = {"Origin": origin, "Access-Control-Request-Method": "PUT"}
            call(app, "OPTIONS", "/items", headers)
        else:
            call(app, "GET", "/items", {"Origin": origin})


@pytest.mark.parametrize("allow_methods", [None, "*"], ids=["pass-through", "answered"])
@pytest.mark.parametrize("preflight", [False, True], ids=["actual", "preflight"])
def test_evicted_grants_are_freed_at_once(no_gc, allow_methods, preflight):
    app = CORSMiddleware(
        plain_app,
        allow_origins=["https://*.example.com"],
        allow_credentials=["https://*.example.com"],
        allow_methods=allow_methods,
    )
    origins = [f"https://tenant-{i}.example.com" for i in range(20_000)]
    before = live_grants()
    requests(app, origins, preflight)
    # At most one memo's worth of matched origins' grants is alive (the preflight
    # answer memos are keyed by grant, and are bounded the same way), never the 20,000.
    alive = live_grants() - before
    assert 0 < alive <= 2 * MEMO_SIZE, alive


def test_memory_levels_off_under_distinct_origins(no_gc):
    app = CORSMiddleware(
        plain_app,
        allow_origins=["https://*.example.com"],
        allow_credentials="*",
        expose_headers=["X-Request-Id"],
    )
    import tracemalloc

    requests(app, (f"https://warm-{i}.example.com" for i in range(3_000)), False)
    tracemalloc.start()
    try:
        requests(app, (f"https://a-{i}.example.com" for i in range(2_000)), False)
        after_2k, _ = tracemalloc.get_traced_memory()
        requests(app, (f"https://b-{i}.example.com" for i in range(20_000)), False)
        after_22k, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Bounded memos: 20,000 more origins cost no more than a memo's worth of grants.
    assert after_22k - after_2k < 512 * 1024, (after_2k, after_22k)


def test_a_discarded_middleware_is_freed_at_once(no_gc):
    """Nothing in a middleware or its policy refers back to itself."""
    app = CORSMiddleware(plain_app, allow_origins=["https://*.example.com"], allow_methods=None)
    call(app, "GET", "/items", {"Origin": "https://a.example.com"})
    policy = weakref.ref(app.policy)
    del app
    assert policy() is None
