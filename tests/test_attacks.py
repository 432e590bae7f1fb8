"""Known attacks on CORS libraries, one regression test each (issue 14, item 3).

Each test names, in its docstring, the advisory or report of the library that was
attacked that way; each fails on a build of wsgi-cors that makes the same mistake (the
mutation each was checked against is named too). The quick ones run in-process; those
that need a real server's parsing (obs-fold lines, percent-decoded paths) are marked
``servers`` and speak raw HTTP to wsgiref, waitress, gunicorn and uWSGI.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import real_servers
import server_apps
import wsgi_cors.policy
from server_apps import ADMIN, FOLDED, POLICY_KINDS, TRUSTED, echo_app
from test_memory import CPYTHON_ONLY, no_gc  # noqa: F401 (a fixture)
from wsgi_call import call, environ_for, plain_app
from wsgi_cors import CORSConfigurationError, CORSMiddleware, CORSSecurityWarning, enable_cors
from wsgi_cors.policy import MAX_MEMO_VALUE_LENGTH, MAX_REQUEST_HEADERS_LENGTH

EVIL = "https://evil.example"
PREFLIGHT = {"Access-Control-Request-Method": "PUT"}
#: What is never a serialized origin, so never reflected (README difference 4).
JUNK_ORIGINS = [
    "null",
    "junk",
    "",
    "HTTPS://APP.EXAMPLE.COM",
    "https://app.example.com/",
    "https://app.example.com\r\nX-Injected: x",
    "https://app.example.com X-Injected: x",
    "https://" + "a" * 600 + ".example",
]


def cors(response: Any) -> dict[str, str]:
    return dict(response.cors())


def dangerous(**options: Any) -> CORSMiddleware:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)
        return CORSMiddleware(
            plain_app, dangerously_allow_any_origin_with_credentials=True, **options
        )


# -- any origin reflected with credentials ---------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: CORSMiddleware(plain_app, allow_credentials="*"),
        lambda: CORSMiddleware(plain_app, allow_origins="*", allow_credentials="*"),
        lambda: enable_cors(plain_app, allow_credentials="*"),
        lambda: CORSMiddleware.from_mapping(plain_app, {"allow_credentials": "*"}),
        lambda: CORSMiddleware.from_env(plain_app, environ={"CORS_ALLOW_CREDENTIALS": "*"}),
        lambda: CORSMiddleware(plain_app, paths={"/api": {"allow_credentials": "*"}}),
    ],
    ids=["default-origins", "star", "enable_cors", "from_mapping", "from_env", "paths"],
)
def test_any_origin_with_credentials_is_refused(make: Callable[[], Any]) -> None:
    """CVE-2026-54290 (Hono; GHSA-88fw-hqm2-52qc): with credentials on and the origin
    left at its default wildcard, the request's ``Origin`` was reflected with
    ``Access-Control-Allow-Credentials: true``, so every website could read its
    visitors' credentialed responses. Here that configuration is refused, however it
    is spelled. (Mutation checked: the refusal in ``config.validate`` removed.)"""
    with pytest.raises(CORSConfigurationError) as caught:
        make()
    assert "CVE-2026-54290" in str(caught.value)


@pytest.mark.parametrize("origin", JUNK_ORIGINS)
def test_the_dangerous_opt_in_never_credentials_junk(origin: str) -> None:
    """CVE-2026-54290, the opt-in kept for Falcon's behaviour
    (``dangerously_allow_any_origin_with_credentials=True``): it warns, and even then
    ``null`` and what is not a serialized origin get ``*`` without credentials, on
    actual and preflight requests. (Mutation checked: the ``is_serialized_origin``
    condition of a credentialed grant under ``"*"`` removed in ``_Grants.decide``.)"""
    with pytest.warns(CORSSecurityWarning):
        CORSMiddleware(
            plain_app,
            allow_origins="*",
            allow_credentials="*",
            dangerously_allow_any_origin_with_credentials=True,
        )
    app = dangerous(allow_origins="*", allow_credentials="*")
    for method, headers in (("GET", {}), ("OPTIONS", PREFLIGHT)):
        got = cors(call(app, method, headers={"Origin": origin, **headers}))
        assert got.get("access-control-allow-origin") == "*", (method, got)
        assert "access-control-allow-credentials" not in got
    # A serialized origin is what the opt-in reflects with credentials.
    got = cors(call(app, headers={"Origin": "https://a.example"}))
    assert got["access-control-allow-origin"] == "https://a.example"


def test_listed_credentials_with_any_origin_stay_listed() -> None:
    """CVE-2026-54290's safe neighbour: ``allow_origins="*"`` with credentials for one
    listed origin gives every other origin ``*`` and no credentials."""
    app = CORSMiddleware(plain_app, allow_credentials=[TRUSTED])
    assert cors(call(app, headers={"Origin": TRUSTED})) == {
        "access-control-allow-origin": TRUSTED,
        "access-control-allow-credentials": "true",
    }
    for origin in [EVIL, "https://app.example.com.evil.io", *JUNK_ORIGINS]:
        assert cors(call(app, headers={"Origin": origin})) == {"access-control-allow-origin": "*"}


# -- the request's Vary copied into the response -------------------------------------------


def vary_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Vary", "Accept-Encoding")])
    return [b"ok"]


def vary_tokens(response: Any) -> list[str]:
    return [t.strip().lower() for v in response.get_all("Vary") for t in v.split(",") if t.strip()]


@pytest.mark.parametrize(
    "options",
    [
        {"allow_origins": [TRUSTED]},
        {},
        {"allow_origins": [TRUSTED], "allow_credentials": [TRUSTED], "allow_methods": None},
        {"allow_origins": ["https://*.example.com"], "allow_credentials": "*"},
    ],
    ids=["list", "star", "pass-through", "subdomain"],
)
@pytest.mark.parametrize("inner", [plain_app, vary_app], ids=["no-vary", "app-vary"])
def test_the_requests_vary_is_never_copied(options: dict[str, Any], inner: Any) -> None:
    """GHSA-q7jf-gf43-6x6p (Hono, fixed in 4.10.3): the CORS middleware copied the
    *request's* ``Vary`` header into the response when ``origin`` was not ``"*"``, so a
    client chose how caches key the response.
    Here a request ``Vary`` (even ``*``) never reaches the response: its ``Vary`` is the
    application's, plus ``Origin`` where the policy varies by origin. (Mutation
    checked: ``CORSMiddleware.__call__`` appending ``environ['HTTP_VARY']``.)"""
    app = CORSMiddleware(inner, **options)
    origin_token = ["origin"] if options != {} else []  # all but "*" vary by origin
    own = ["accept-encoding"] if inner is vary_app else []
    for request_vary in ("Cookie, X-Evil", "*", "Origin"):
        for origin in (TRUSTED, EVIL, "https://x.example.com", None):
            for method, extra in (("GET", {}), ("OPTIONS", PREFLIGHT)):
                headers = {"Vary": request_vary, **extra}
                if origin is not None:
                    headers["Origin"] = origin
                response = call(app, method, headers=headers)
                answered_here = method == "OPTIONS" and origin and app.policy.answers_preflights
                # A preflight answered here has only the middleware's headers.
                want = origin_token if answered_here else own + origin_token
                assert vary_tokens(response) == want, (options, request_vary, origin, method)


# -- quadratic parsing of Access-Control-Request-Headers --------------------------------------

#: Answered preflights and pass-through ones, with listed headers (the values are parsed).
PARSING = {
    "answered": {"allow_origins": [TRUSTED], "allow_headers": ["content-type", "x-token"]},
    "pass-through": {
        "allow_origins": [TRUSTED],
        "allow_headers": ["content-type", "x-token"],
        "allow_methods": None,
    },
}
MIB = 1 << 20
HOSTILE_REQUESTED = {
    # rs/cors#170, go-chi/cors#36: a MiB of commas.
    "commas": "," * MIB,
    # CVE-2026-69207 (Hono): long runs of white space between names.
    "spaces": "content-type" + " " * MIB + ",x-token",
    "space-comma-runs": (" ," * (MIB // 2)),
    "names": "x-token, " * (MIB // 9),
}


@contextlib.contextmanager
def counting_parser() -> Iterator[list[str]]:
    """Counts the calls of the policy's ``Access-Control-Request-Headers`` parser."""
    calls: list[str] = []
    original = wsgi_cors.policy._header_names

    def counted(requested: str) -> set[str]:
        calls.append(requested)
        return original(requested)

    wsgi_cors.policy._header_names = counted
    try:
        yield calls
    finally:
        wsgi_cors.policy._header_names = original


def preflight(app: CORSMiddleware, requested: str, origin: str = TRUSTED) -> Any:
    headers = {"Origin": origin, **PREFLIGHT, "Access-Control-Request-Headers": requested}
    return call(app, "OPTIONS", headers=headers)


@pytest.mark.parametrize("policy", PARSING)
@pytest.mark.parametrize("hostile", HOSTILE_REQUESTED)
def test_huge_request_headers_are_refused_unparsed(policy: str, hostile: str) -> None:
    """CVE-2026-69207 (Hono: quadratic parsing of ``Access-Control-Request-Headers``
    with long runs of white space), rs/cors#170 and go-chi/cors#36 (a MiB of commas
    cost milliseconds and megabytes per preflight). A value longer than
    ``MAX_REQUEST_HEADERS_LENGTH`` is refused before it is parsed (the parser is never
    called), with the very answer a 5 KiB value gets, and no memo keeps it. (Mutation
    checked: the length check in ``_allow_headers_value`` removed.)"""
    app = CORSMiddleware(plain_app, **PARSING[policy])
    value = HOSTILE_REQUESTED[hostile]
    assert len(value) > 100 * MAX_REQUEST_HEADERS_LENGTH
    with counting_parser() as parsed:
        reference = preflight(app, "x-token," * 640)  # 5 KiB
        answers = [preflight(app, value) for _ in range(3)]
    assert parsed == []
    for answer in answers:
        assert (answer.status, answer.headers, answer.body) == (
            reference.status,
            reference.headers,
            reference.body,
        )
        assert "access-control-allow-headers" not in cors(answer)
    memo = app.policy.preflight_answer_memo | app.policy.preflight_patch_memo
    assert all(len(key[-2] or "") <= MAX_MEMO_VALUE_LENGTH for key in memo)


def test_the_refusal_says_why() -> None:
    """The same, with ``debug=True``: the reason names the limit."""
    app = CORSMiddleware(plain_app, **PARSING["answered"], debug=True)
    body = preflight(app, "," * MIB).body
    assert f"over the limit of {MAX_REQUEST_HEADERS_LENGTH}".encode() in body


def operations_made(function: Callable[[], Any]) -> int:
    """How many Python bytecode instructions and function calls *function* executes
    (``sys.settrace`` with opcode events; a C function or method such as ``str.split``
    is one instruction of its caller, whatever the length of its argument)."""
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        frame.f_trace_opcodes = True
        return trace

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


#: Instructions per list element a value may add: a comprehension's turn is about ten.
PER_ELEMENT = 16


@pytest.mark.usefixtures("no_gc")  # no collection's finalizers among the instructions
@pytest.mark.parametrize("policy", PARSING)
def test_parsing_below_the_cap_works_per_element_not_per_character(policy: str) -> None:
    """CVE-2026-69207, rs/cors#170, below the cap: parsing is one split and one strip
    per list element (Fetch standard, "extract header list values"), each linear in
    its part of the value, never a Python loop over the value's characters. So a value
    of 4 KiB executes at most a few instructions more than one of 1 KiB per element
    it adds, and none more for a longer run of white space or a longer name,
    whatever its length. (Mutation checked:
    ``header_list_elements`` stripping with a Python loop over each element's
    characters.)"""
    app = CORSMiddleware(plain_app, **PARSING[policy])
    policy_object = app.policy
    environ_base = environ_for("OPTIONS", "/", [("Origin", TRUSTED), *PREFLIGHT.items()])

    def one(requested: str) -> int:
        environ = {**environ_base, "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": requested}
        policy_object.preflight_answer_memo.clear()
        policy_object.preflight_patch_memo.clear()
        return operations_made(lambda: list(app(environ, lambda s, h, e=None: None)))

    size = MAX_REQUEST_HEADERS_LENGTH
    shapes: dict[str, Callable[[int], str]] = {
        "names": lambda n: "x-token, " * ((n - 12) // 9) + "content-type",
        "commas": lambda n: "x-token" + "," * (n - 7),
        "spaces": lambda n: "content-type" + " " * (n - 20) + ",x-token",
        "space-comma-runs": lambda n: "x-token" + " ," * ((n - 7) // 2),
        "denied": lambda n: "x-token, " * ((n - 6) // 9) + "x-evil",
    }
    for name, shape in shapes.items():
        small, large = shape(size // 4), shape(size)
        assert len(large) <= size
        one(small)  # warm-up: ordinary names get remembered on first sight
        added = one(large) - one(small)
        elements = large.count(",") - small.count(",")
        assert 0 <= added <= PER_ELEMENT * elements, (name, added, elements)


@CPYTHON_ONLY
@pytest.mark.load
@pytest.mark.usefixtures("no_gc")
def test_a_hundred_thousand_origins_and_request_headers() -> None:
    """Memory stays bounded under 100,000 distinct origins and
    ``Access-Control-Request-Headers`` values (go-chi/cors#36 and rs/cors#170 measured
    megabytes per hostile preflight; an unbounded cache of origins grows forever):
    each request a preflight from a new subdomain-pattern origin asking for new headers,
    so that both are matched, memoized and evicted. The whole run is counted in
    allocated blocks (``sys.getallocatedblocks``); the last 10,000 requests also under
    ``tracemalloc``, as in ``test_memory.py``, where memory must level off. (Mutation
    checked: ``_remember`` no longer emptying a full memo.)"""
    app = CORSMiddleware(
        plain_app,
        allow_origins=["https://*.example.com"],
        allow_credentials="*",
        expose_headers=["X-Request-Id"],
    )
    environ = environ_for("OPTIONS", "/items", [("Origin", TRUSTED), *PREFLIGHT.items()])

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        return None

    def requests(first: int, count: int) -> None:
        for i in range(first, first + count):
            environ["HTTP_ORIGIN"] = f"https://t{i}.example.com"
            environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"] = f"x-h{i}, content-type"
            app(environ, start_response)

    import tracemalloc

    requests(0, 3_000)  # every memo full once
    blocks = sys.getallocatedblocks()
    requests(10_000, 90_000)
    grown = sys.getallocatedblocks() - blocks
    tracemalloc.start()
    try:
        requests(200_000, 2_000)
        at_2k, _ = tracemalloc.get_traced_memory()
        requests(300_000, 8_000)
        at_10k, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Two memos of 1,024 entries, a few small objects each, may be full at the end.
    assert grown < 50_000, grown
    assert at_10k - at_2k < 512 * 1024, (at_2k, at_10k)
    assert len(app.policy.preflight_answer_memo) <= 1024


# -- a regex matched from the start only ------------------------------------------------------


@pytest.mark.parametrize("compiled", [False, True], ids=["str", "re.Pattern"])
def test_the_origin_regex_must_match_the_whole_origin(compiled: bool) -> None:
    """CVE-2026-37737 (sanic-cors: ``re.match`` anchored the configured pattern at the
    start only; flask-cors and django-cors-headers match the same way today): with
    ``allow_origin_regex=r"https://trusted\\.com"``, an origin that merely starts with
    the trusted one is denied. So is one that passes only one branch of an alternation
    (``pattern + "$"`` would let it in). (Mutation checked: ``regex.match`` instead of
    ``fullmatch`` in ``OriginSet.__contains__``.)"""
    for pattern, allowed, denied in [
        (
            r"https://trusted\.com",
            ["https://trusted.com"],
            [
                "https://trusted.com.attacker.io",
                "https://trusted.com:8080",
                "https://trusted.comevil.io",
                "https://trusted.com/",
                "https://trusted.com\r\nX: y",
            ],
        ),
        (
            r"https://a\.example|https://b\.example",
            ["https://a.example", "https://b.example"],
            ["https://a.example.evil.io", "https://b.example:1", "https://ab.example"],
        ),
    ]:
        app = CORSMiddleware(
            plain_app,
            allow_origin_regex=re.compile(pattern) if compiled else pattern,
            allow_credentials="*",
        )
        for origin in allowed:
            assert (
                cors(call(app, headers={"Origin": origin}))["access-control-allow-origin"] == origin
            )
        for origin in denied:
            assert cors(call(app, headers={"Origin": origin})) == {}, origin
            assert cors(call(app, "OPTIONS", headers={"Origin": origin, **PREFLIGHT})) == {}


# -- a wildcard as a plain string prefix or suffix ---------------------------------------------


def test_a_subdomain_pattern_matches_whole_labels_only() -> None:
    """CVE-2019-25211 (gin-contrib/cors: a wildcard origin matched as a plain prefix
    and suffix of the string), rs/cors#197 (``h*`` allowed every origin starting with
    ``h``), GHSA-vhxv-fg4m-p2w8 (jub0bs/cors: origins that merely share a suffix, such
    as ``https://barfoo.com`` for ``https://*.foo.com``). ``https://*.foo.com`` allows
    subdomains of ``foo.com`` at any depth, on that scheme and port only. (Mutation
    checked: ``SubdomainPattern.suffix`` without its leading dot.)"""
    app = CORSMiddleware(plain_app, allow_origins=["https://*.foo.com"], allow_credentials="*")
    for origin in ["https://a.foo.com", "https://a.b.foo.com", "https://x-1.foo.com"]:
        assert cors(call(app, headers={"Origin": origin}))["access-control-allow-origin"] == origin
    for origin in [
        "https://barfoo.com",
        "https://foo.com",
        "https://.foo.com",
        "https://a..foo.com",
        "https://a.foo.com.evil.io",
        "https://evil.io/.foo.com",
        "https://evil.io?.foo.com",
        "https://evil.io#.foo.com",
        "https://user@a.foo.com",
        "http://a.foo.com",
        "https://a.foo.com:8443",
        "https://a.foo.com.",
        "https://a.foo.co",
        "https://[::1].foo.com",
        "https://a:1.foo.com",
        "h",
        "https://foo.com.a.foo.com.evil",
    ]:
        assert cors(call(app, headers={"Origin": origin})) == {}, origin


@pytest.mark.parametrize(
    "entry",
    [
        "h*",
        "https://*",
        "*.foo.com",
        "https://*foo.com",
        "https://foo*.com",
        "https://a.*.com",
        "https://*.*.foo.com",
        "https://*.com",
        "https://foo.*",
    ],
)
def test_wildcards_that_are_not_a_leading_label_are_refused(entry: str) -> None:
    """rs/cors#197 and CVE-2019-25211 again: a ``*`` anywhere but as a whole leading
    label of a registrable domain is a configuration error, never a string prefix or
    suffix match."""
    with pytest.raises(CORSConfigurationError):
        CORSMiddleware(plain_app, allow_origins=[entry])


# -- header lists mutated by an outer layer -----------------------------------------------------

#: The application's own header list, the same object on every response.
SHARED_HEADERS = [("Content-Type", "text/plain"), ("Content-Length", "2")]
_SHARED_COPY = list(SHARED_HEADERS)


def reusing_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Reuses one header list (``/shared``), sends none (``/empty``), sets ``Vary``
    (``/vary``), and answers OPTIONS with ``Allow``."""
    route = environ["PATH_INFO"]
    if environ["REQUEST_METHOD"] == "OPTIONS":
        start_response("200 OK", [("Allow", "GET, PUT"), ("Content-Length", "0")])
        return [b""]
    if route == "/empty":
        start_response("204 No Content", [])
        return []
    if route == "/vary":
        start_response("200 OK", [("Vary", "Accept"), ("Content-Length", "2")])
        return [b"ok"]
    start_response("200 OK", SHARED_HEADERS)
    return [b"ok"]


class MutatingLayer:
    """An outer WSGI layer that takes liberties with the list it is handed: after
    passing a copy on, it appends to it, rewrites every value in place and reverses it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def mutate(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            write = start_response(status, list(headers), exc_info)
            headers.append(("X-Outer", "1"))
            for i, (name, value) in enumerate(headers):
                headers[i] = (name, value + " (changed by an outer layer)")
            headers.reverse()
            return write

        return self.app(environ, mutate)


MUTATION_POLICIES = {
    "answered": {
        "allow_origins": [TRUSTED, "https://*.example.com"],
        "allow_credentials": [TRUSTED],
        "expose_headers": ["X-Request-Id"],
        "allow_headers": ["content-type"],
    },
    "pass-through": {
        "allow_origins": [TRUSTED, "https://*.example.com"],
        "allow_credentials": [TRUSTED],
        "expose_headers": ["X-Request-Id"],
        "allow_methods": None,
    },
    "star": {"expose_headers": ["X-Request-Id"]},
}


def mutation_requests(thread: int) -> list[tuple[str, str, dict[str, str]]]:
    sub = f"https://t{thread}.example.com"
    requested = {"Access-Control-Request-Headers": "content-type"}
    return [
        ("GET", "/shared", {"Origin": TRUSTED}),
        ("GET", "/empty", {"Origin": TRUSTED}),
        ("GET", "/empty", {"Origin": sub}),
        ("GET", "/vary", {"Origin": TRUSTED}),
        ("GET", "/shared", {"Origin": EVIL}),
        ("GET", "/empty", {}),
        ("GET", "/shared", {}),
        ("OPTIONS", "/shared", {"Origin": TRUSTED, **PREFLIGHT, **requested}),
        ("OPTIONS", "/shared", {"Origin": sub, **PREFLIGHT}),
        ("OPTIONS", "/shared", {"Origin": EVIL, **PREFLIGHT}),
    ]


@pytest.mark.parametrize("policy", MUTATION_POLICIES)
def test_an_outer_layer_changing_header_lists_changes_no_later_response(policy: str) -> None:
    """jub0bs/cors#14 and rs/cors#198: header values the middleware prepared once were
    handed out by reference, so a layer around it (or a handler) that changed them
    changed every later response, racing across threads. Here 16 threads send the same
    requests through a :class:`MutatingLayer` around one middleware: each response's
    headers must equal what a fresh middleware without that layer sends, and the
    application's own reused list stays as it was. (Mutations checked: the list copy
    dropped in ``CORSMiddleware.__call__`` for preflight answers kept as lists;
    ``response_headers`` returning ``grant.actual_headers`` itself for an empty list;
    ``response_headers`` extending the application's list in place.)"""
    options = MUTATION_POLICIES[policy]
    reference = CORSMiddleware(reusing_app, **options)
    expected = {
        (thread, i): call(reference, method, path, headers).normalized()
        for thread in range(16)
        for i, (method, path, headers) in enumerate(mutation_requests(thread))
    }
    assert SHARED_HEADERS == _SHARED_COPY
    app = MutatingLayer(CORSMiddleware(reusing_app, **options))
    barrier = threading.Barrier(16)
    wrong: list[str] = []

    def worker(thread: int) -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(40):
                for i, (method, path, headers) in enumerate(mutation_requests(thread)):
                    got = call(app, method, path, headers).normalized()
                    if got != expected[(thread, i)]:
                        wrong.append(f"{method} {path} {headers}: {got}")
                        return  # once is enough; a corrupted list only grows
        except Exception as error:  # reported below
            wrong.append(repr(error))

    threads = [threading.Thread(target=worker, args=(t,), daemon=True) for t in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert wrong == [], wrong[:3]
    assert SHARED_HEADERS == _SHARED_COPY


# -- CR/LF through obs-fold lines ----------------------------------------------------------------

#: How each server passes ``Origin: A<CRLF><fold>B`` (an obs-fold line) to the
#: application, as seen with wsgiref (Python 3.11), waitress 3.0.2 and gunicorn 27.0.1
#: with ``--permit-obsolete-folding`` (by default gunicorn answers 400).
FOLD_RENDERINGS: dict[str, Callable[[str, str, str], str]] = {
    "wsgiref": lambda first, fold, rest: f"{first}\r\n{fold}{rest}",
    "waitress": lambda first, fold, rest: f"{first}{fold}{rest}",
    "gunicorn": lambda first, fold, rest: f"{first} {rest}",
}
#: Servers that pass a folded value on as one of the servers above does: uWSGI 2.0.30
#: (its ``--http`` router) keeps the CR/LF, as wsgiref does.
RENDERED_LIKE = {"uwsgi": "wsgiref", "gunicorn-permit-folding": "gunicorn"}
FOLDS = {"space": " ", "tab": "\t", "spaces": "   "}


def check_folded_answer(kind: str, cors_pairs: list[tuple[str, str]]) -> None:
    """No folded origin is reflected: ``*`` for the ``*`` policies (never with
    credentials), no CORS header at all for the others."""
    names = [name.lower() for name, _ in cors_pairs]
    assert "access-control-allow-credentials" not in names, cors_pairs
    if kind.startswith("star"):
        assert ("access-control-allow-origin", "*") in [(n.lower(), v) for n, v in cors_pairs]
        assert names.count("access-control-allow-origin") == 1
    else:
        assert cors_pairs == [], cors_pairs


@pytest.mark.parametrize("server", FOLD_RENDERINGS)
@pytest.mark.parametrize("fold", FOLDS)
@pytest.mark.parametrize("kind", FOLDED)
def test_folded_origins_are_never_reflected(kind: str, fold: str, server: str) -> None:
    """An ``Origin`` folded over two lines, as each server passes it on (some with
    the CR/LF, ``https://a\\r\\n X-Injected: x``; some joined with white space), under
    every kind of policy, the user's loose regex and prefix-testing callable included:
    never reflected, no credentials. The real servers, over raw sockets, are below.
    (Mutation checked: ``OriginSet.__contains__`` matching patterns, the regex and
    callables without ``is_serialized_origin`` first.)"""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CORSSecurityWarning)
        app = CORSMiddleware(echo_app, **POLICY_KINDS[kind])
    first, rest = FOLDED[kind]
    origin = FOLD_RENDERINGS[server](first, FOLDS[fold], rest)
    for method, extra in (("GET", {}), ("OPTIONS", PREFLIGHT)):
        response = call(app, method, "/items", {"Origin": origin, **extra})
        check_folded_answer(
            kind, [(k, v) for k, v in response.headers if k.lower().startswith("access-control-")]
        )
        assert all("injected" not in value.lower() for _, value in response.headers)


@contextlib.contextmanager
def fold_server(server: str) -> Iterator[int]:
    if server == "wsgiref":
        with real_servers.wsgiref(server_apps.policies()) as running:
            yield running.port
    elif server == "waitress":
        with real_servers.waitress(server_apps.policies()) as running:
            yield running.port
    elif server == "uwsgi":
        with real_servers.uwsgi("server_apps.policies()") as running:
            yield running.port
    else:
        extra = ["--permit-obsolete-folding"] if server == "gunicorn-permit-folding" else []
        with real_servers.gunicorn("server_apps:policies()", *extra) as running:
            yield running.port


FOLD_SERVERS = ["wsgiref", "waitress", "gunicorn", "gunicorn-permit-folding", "uwsgi"]


@pytest.fixture(scope="module", params=FOLD_SERVERS)
def fold_served(request: pytest.FixtureRequest) -> Iterator[tuple[str, int]]:
    with fold_server(str(request.param)) as port:
        yield str(request.param), port


def raw_get(port: int, path: str, *lines: str) -> real_servers.RawResponse:
    head = [f"GET {path} HTTP/1.1", "Host: t", *lines, "Connection: close"]
    return real_servers.raw_request(port, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))


@pytest.mark.servers
def test_folded_origins_over_raw_sockets(fold_served: tuple[str, int]) -> None:
    """The obs-fold attack over a real socket, every policy kind, every fold: wsgiref
    and uWSGI pass the CR/LF to the application, waitress drops the CR/LF and keeps the
    fold's white space, gunicorn 27 answers 400 by default and, with
    ``--permit-obsolete-folding``, joins the lines with one space. Whatever the
    application gets, the response head never carries the injected text, and no origin
    is reflected."""
    server, port = fold_served
    for kind, (first, rest) in FOLDED.items():
        for fold in FOLDS.values():
            response = raw_get(
                port, "/items", f"X-Policy: {kind}", f"Origin: {first}", f"{fold}{rest}"
            )
            if server == "gunicorn":
                assert response.status == 400
                # In the raw answer: under Python 3.14 gunicorn 27 ends this answer's
                # head with "\r\n\n" (its template's blank "\r" line is white space,
                # which 3.14's textwrap.dedent turns into "\n").
                assert b"Obsolete line folding" in response.raw
                continue
            assert response.status == 200, response.raw[:200]
            rendering = FOLD_RENDERINGS[RENDERED_LIKE.get(server, server)]
            assert json.loads(response.body)["origin"] == rendering(first, fold, rest)
            assert b"injected" not in response.head.lower()
            check_folded_answer(kind, response.cors())


# -- paths= mistakes -------------------------------------------------------------------------------

#: (path as the application gets it, origin, Access-Control-Allow-Origin expected or
#: None, and whether the response carries Vary: Origin: not where no entry applies,
#: nor where the entry allows "*" without credentials).
PATH_CASES = [
    # CVE-2024-6839: the entry's priority is by prefix length, then the order given
    # for patterns, never by a pattern's length or the dict's order.
    ("/api/users", EVIL, "*", False),
    ("/api/admin/users", EVIL, None, True),
    ("/api/admin/users", TRUSTED, TRUSTED, True),
    ("/files/public/cat.png", EVIL, "*", False),
    ("/files/private/cat.png", EVIL, None, True),
    # CVE-2024-6844: "+" is a "+" in a path; only a query string has "+" for a space.
    ("/a+b/x", TRUSTED, TRUSTED, True),
    ("/a b/x", TRUSTED, None, False),
    # CVE-2024-6866: paths are case-sensitive.
    ("/API/admin/users", TRUSTED, None, False),
    ("/Api/users", EVIL, None, False),
    ("/A+B/x", TRUSTED, None, False),
    ("/Files/private/cat.png", EVIL, None, False),
    # A pattern written as text matches the path PEP 3333 passes as Latin-1 (/menü/soup).
    ("/men\u00c3\u00bc/soup", TRUSTED, TRUSTED, True),
    ("/men\u00c3\u00bc/SOUP", TRUSTED, None, False),
]


def paths_app(reverse: bool = False) -> CORSMiddleware:
    options = dict(POLICY_KINDS["paths"])
    if reverse:  # the prefixes in the other order: nothing changes
        items = list(options["paths"].items())
        prefixes = [item for item in items if isinstance(item[0], str)][::-1]
        options["paths"] = dict(prefixes + [item for item in items if not isinstance(item[0], str)])
    return CORSMiddleware(echo_app, **options)


def check_path_answer(response: Any, acao: str | None, applies: bool) -> None:
    got = {k.lower(): v for k, v in response.headers if k.lower().startswith("access-control-")}
    assert got.get("access-control-allow-origin") == acao, got
    assert bool(response.get_all("Vary")) == applies


@pytest.mark.parametrize("reverse", [False, True], ids=["as-given", "prefixes-reversed"])
@pytest.mark.parametrize(("path", "origin", "acao", "applies"), PATH_CASES)
def test_paths_rules(
    path: str, origin: str, acao: str | None, applies: bool, reverse: bool
) -> None:
    """flask-cors CVE-2024-6839 (the longest *pattern* won, so a loose rule could
    override a strict one), CVE-2024-6844 (``+`` in a path read as a space) and
    CVE-2024-6866 (paths matched case-insensitively). (Mutations checked: patterns
    sorted by length; ``PathRouter.route`` on ``path.replace("+", " ")``; on
    ``path.lower()``.)"""
    check_path_answer(call(paths_app(reverse), "GET", path, {"Origin": origin}), acao, applies)


#: Raw request targets and the case of :data:`PATH_CASES` each decodes to (every
#: server here percent-decodes the path, ``%2B`` to ``+``, ``%2F`` to ``/``).
RAW_PATHS = {
    "/a+b/x": "/a+b/x",
    "/a%2Bb/x": "/a+b/x",
    "/a%2bb/x": "/a+b/x",
    "/a%20b/x": "/a b/x",
    "/A%2BB/x": "/A+B/x",
    "/%61pi/admin/users": "/api/admin/users",
    "/api%2Fadmin/users": "/api/admin/users",
    "/API/admin/users": "/API/admin/users",
    "/files/private/cat.png": "/files/private/cat.png",
    "/men%C3%BC/soup": "/men\u00c3\u00bc/soup",
    "/men%c3%bc/SOUP": "/men\u00c3\u00bc/SOUP",
}


@pytest.mark.servers
def test_paths_over_servers_that_decode_them(fold_served: tuple[str, int]) -> None:
    """CVE-2024-6844 and CVE-2024-6866 where paths are really decoded: wsgiref,
    waitress, gunicorn and uWSGI turn ``%2B`` into ``+`` (and ``%20`` into a space) before the
    application sees ``PATH_INFO``; the entry that applies is the one for that path."""
    _server, port = fold_served
    for target, path in RAW_PATHS.items():
        for _path, origin, acao, applies in [case for case in PATH_CASES if case[0] == path]:
            response = raw_get(port, target, "X-Policy: paths", f"Origin: {origin}")
            assert response.status == 200
            assert json.loads(response.body)["path"] == path
            got = dict(response.cors())
            assert got.get("access-control-allow-origin") == acao, (target, got)
            assert bool(response.get_all("Vary")) == applies, target


#: Raw request targets for /admin/users with an empty segment, as a browser sends them
#: (``fetch("//admin/users")`` is another host; a page writes the full URL).
EMPTY_SEGMENTS = ["//admin/users", "///admin/users", "/admin//users", "/%2Fadmin/users"]


def test_an_empty_segment_does_not_escape_a_prefix() -> None:
    """The root entry must not answer for ``//admin/users``, which Flask and Falcon route
    to the ``/admin/users`` view (found by an adversarial review: the front end's
    origin read /admin with credentials). (Mutation checked: ``PathRouter.route``
    without merging runs of slashes.)"""
    app = CORSMiddleware(echo_app, **POLICY_KINDS["paths-root"])
    for path in ["/admin/users", "//admin/users", "///admin//users", "/admin//users"]:
        assert cors(call(app, "GET", path, {"Origin": TRUSTED})) == {}, path
        granted = cors(call(app, "GET", path, {"Origin": ADMIN}))
        assert granted.get("access-control-allow-origin") == ADMIN, path
    assert cors(call(app, "GET", "//items", {"Origin": TRUSTED})) != {}


#: Paths that applications read in more than one way, as PATH_INFO: a dot segment
#: (Pyramid's traversal resolves it, Flask does not) and bytes that are not UTF-8
#: (Bottle drops them, others answer 404), each of which Chromium let a page read
#: /admin/users with the root entry's credentials (an adversarial review).
AMBIGUOUS_PATHS = [
    "/x/../admin/users",
    "/./admin/users",
    "/\u00ffadmin/users",
    "/adm\u00c0\u00afin/users",
    "/x/..\u00ff/admin/users",  # "..%FF": Bottle drops the byte, then resolves ".."
    "/@@admin/users",  # Pyramid's traversal: "@@admin" names the view "admin"
    "/x/../@@admin/users",  # ... once the dot segments are resolved (helper-128)
    "/./@@admin",
    "/admin\n",  # "%0A": Pyramid's and Bottle's routes end in "$", which matches before it
    "/admin\x00/users",  # any control character: no reading follows them all
]


@pytest.mark.parametrize("path", AMBIGUOUS_PATHS)
def test_a_path_read_two_ways_selects_no_entry(path: str) -> None:
    """Its readings select different entries (the root's and /admin's): none answers,
    the request fails closed, with no CORS header (and no Vary: no entry applies).
    (Mutation checked: ``PathRouter.route`` without ``other_readings``.)"""
    app = CORSMiddleware(echo_app, **POLICY_KINDS["paths-root"])
    for origin in (TRUSTED, ADMIN):
        response = call(app, "GET", path, {"Origin": origin})
        assert cors(response) == {} and not response.get_all("Vary"), (path, origin)


def _pyramid_admin_site() -> Any:
    """A Pyramid application serving ``/admin`` by URL dispatch, and ``/users`` and
    ``/admin/users`` by traversal (with the view ``admin`` of the root)."""
    from pyramid.config import Configurator
    from pyramid.response import Response

    class Root(dict[str, Any]):
        pass

    class Users:
        pass

    def root_factory(request: Any) -> Root:
        root, admin = Root(), Root()
        admin["users"], root["users"], root["admin"] = Users(), Users(), admin
        return root

    with Configurator(root_factory=root_factory) as config:
        config.add_route("admin", "/admin")
        config.add_view(lambda request: Response("ADMIN PAGE"), route_name="admin")
        config.add_view(lambda context, request: Response("ADMIN VIEW"), context=Root, name="x")

        def users(context: Any, request: Any) -> Any:
            where = "ADMIN USERS" if "admin" in request.traversed else "USERS"
            return Response(where)

        config.add_view(users, context=Users)
        return config.make_wsgi_app()


@pytest.mark.parametrize(
    ("path", "headers", "served"),
    [
        ("/admin%0A", {}, "ADMIN PAGE"),  # the route's "$" matches before the "\n"
        ("/@@x", {}, "ADMIN VIEW"),  # the view "x" of the root, as "/x" is
        ("/users", {"X-Vhm-Root": "/admin"}, "ADMIN USERS"),  # traversal's virtual root
    ],
    ids=["newline", "view-selector", "virtual-root"],
)
def test_pyramid_serves_an_entrys_page_under_another_path_with_no_cors_header(
    path: str, headers: dict[str, str], served: str
) -> None:
    """An adversarial review read an /admin page through real Pyramid from the root
    entry's origin, with credentials: /admin%0A (its URL dispatch matches routes with
    "$"), /@@x (its traversal's view selector, beside an "/x" entry), and /users with
    an X-Vhm-Root header (its traversal's virtual hosting; the preflight for the
    header is allowed under "/"). Each reading now selects no entry."""
    webtest = pytest.importorskip("webtest")
    pytest.importorskip("pyramid")
    paths = {
        "/": {},
        "/admin": {"allow_origins": [ADMIN], "allow_credentials": [ADMIN]},
        "/x": {"allow_origins": [ADMIN], "allow_credentials": [ADMIN]},
    }
    options = {"allow_origins": [TRUSTED], "allow_credentials": [TRUSTED], "paths": paths}
    app = webtest.TestApp(CORSMiddleware(_pyramid_admin_site(), **options))
    response = app.get(path, headers={"Origin": TRUSTED, **headers})
    assert response.text == served
    assert "Access-Control-Allow-Origin" not in response.headers
    if headers:  # and a shared cache keeps that answer for the header's requests only
        assert response.headers["Vary"] == "X-Vhm-Root"


@pytest.mark.parametrize(
    ("app_headers", "vary"),
    [
        ([], ["X-Vhm-Root"]),
        ([("Vary", "Accept-Encoding")], ["Accept-Encoding, X-Vhm-Root"]),
        ([("Vary", "x-vhm-root")], ["x-vhm-root"]),
        ([("Vary", "*")], ["*"]),
    ],
)
def test_a_virtual_root_that_chooses_no_entry_is_varied_by(
    app_headers: list[tuple[str, str]], vary: list[str]
) -> None:
    """The answer that X-Vhm-Root takes out of every entry (no CORS header) says
    ``Vary: X-Vhm-Root``: without it, a shared cache stored that answer for the URL and
    served it to every origin's page, so that one request from anyone took CORS away
    for as long as it was cached (helper-130's review, through nginx's proxy_cache and
    Chromium; Fetch standard, "CORS protocol and HTTP caches"). The same URL without
    the header keeps its entry's answer. (Mutation checked: the middleware passing the
    application the server's start_response there.)"""

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Cache-Control", "public, max-age=600"), *app_headers])
        return [b"ok"]

    middleware = CORSMiddleware(app, **POLICY_KINDS["paths-root"])
    for origin in (None, TRUSTED, ADMIN):
        sent = {"X-Vhm-Root": "/admin"} | ({"Origin": origin} if origin else {})
        response = call(middleware, "GET", "/users", sent)
        assert cors(response) == {}, origin
        assert response.get_all("Vary") == vary, origin
    plain = call(middleware, "GET", "/users", {"Origin": TRUSTED})
    assert cors(plain)["access-control-allow-origin"] == TRUSTED
    assert "X-Vhm-Root" not in ", ".join(plain.get_all("Vary"))


def test_a_virtual_root_on_a_path_no_entry_matches_adds_no_vary() -> None:
    """A path that no entry matches, with or without X-Vhm-Root, passes through untouched,
    the header too (no CORS header, no Vary: docs/configuration.rst, 'Per-path policies'):
    the header chose nothing there, so a cache needs no Vary for it (helper-141's review; it
    said ``Vary: X-Vhm-Root`` on every such answer)."""
    middleware = CORSMiddleware(plain_app, paths={"/api": {"allow_origins": [TRUSTED]}})
    for origin in (None, TRUSTED):
        sent = {"X-Vhm-Root": "/cms"} | ({"Origin": origin} if origin else {})
        response = call(middleware, "GET", "/static/app.js", sent)
        assert cors(response) == {}, origin
        assert response.get_all("Vary") == [], origin
    taken = call(middleware, "GET", "/api", {"X-Vhm-Root": "/cms", "Origin": TRUSTED})
    assert (cors(taken), taken.get_all("Vary")) == ({}, ["X-Vhm-Root"])


def test_a_path_whose_readings_agree_keeps_its_entry() -> None:
    """/admin/x/../users is /admin's however it is read: /admin's policy answers (the
    first version of the rule failed every such path closed, fetch("/api/files/" +
    encodeURIComponent("../x")) from Chromium included; a review of the fix)."""
    app = CORSMiddleware(echo_app, **POLICY_KINDS["paths-root"])
    for path in ("/admin/x/../users", "/admin/caf\u00e9"):
        assert cors(call(app, "GET", path, {"Origin": TRUSTED})) == {}, path
        granted = cors(call(app, "GET", path, {"Origin": ADMIN}))
        assert granted.get("access-control-allow-origin") == ADMIN, path


#: Raw request targets that servers decode into :data:`AMBIGUOUS_PATHS` (a browser
#: sends "%2F" and "%FF" as written).
AMBIGUOUS_TARGETS = [
    "/x%2F..%2Fadmin/users",
    "/x/..%2Fadmin/users",
    "/%FFadmin/users",
    "/x/..%FF/admin/users",
    "/admin%0A",
    "/@@admin/users",
]


@pytest.mark.servers
def test_a_path_read_two_ways_selects_no_entry_over_servers(
    fold_served: tuple[str, int],
) -> None:
    """The same over real sockets: whatever a server makes of the target (it may
    refuse it, or resolve it to /admin/users, whose own entry then answers), the root
    entry's origin never gets /admin/users."""
    _server, port = fold_served
    for target in AMBIGUOUS_TARGETS:
        response = raw_get(port, target, "X-Policy: paths-root", f"Origin: {TRUSTED}")
        assert dict(response.cors()) == {}, (target, response.raw[:300])


@pytest.mark.servers
def test_an_empty_segment_does_not_escape_a_prefix_over_servers(
    fold_served: tuple[str, int],
) -> None:
    """The same over real sockets: gunicorn passes ``//admin/users`` on, gunicorn and
    wsgiref make ``/%2Fadmin`` into ``//admin``, waitress merges the slashes itself;
    whatever the server makes of the path, /admin's policy answers."""
    _server, port = fold_served
    for target in EMPTY_SEGMENTS:
        denied = raw_get(port, target, "X-Policy: paths-root", f"Origin: {TRUSTED}")
        assert denied.status == 200 and dict(denied.cors()) == {}, (target, denied.raw[:300])
        allowed = raw_get(port, target, "X-Policy: paths-root", f"Origin: {ADMIN}")
        assert dict(allowed.cors()).get("access-control-allow-origin") == ADMIN, target


# -- IP-address and null origins -------------------------------------------------------------------

IP_AND_NULL = [
    "null",
    "http://127.0.0.1",
    "http://127.0.0.1:8080",
    "https://192.168.1.10",
    "http://10.0.0.1:3000",
    "http://0.0.0.0",
    "http://[::1]",
    "http://[::1]:3000",
    "https://[fe80::1]",
    "http://2130706433",
    "http://0x7f.0.0.1",
    "http://127.1",
    "http://localhost",
    "http://localhost:3000",
]


def test_ip_and_null_origins_are_denied_unless_listed() -> None:
    """webpack-dev-server's CVE-2025-30360 (GHSA-9jgg-88mc-972h: every IP-address
    ``Origin`` was allowed, so a page served from an IP address could read a developer's
    code) and PortSwigger's ``null`` origin attacks (sandboxed iframes and ``data:``
    pages send ``Origin: null``, which some servers allow for convenience): under a
    list, a subdomain pattern, a regex and credentials for every allowed origin, none of
    them is allowed. (Mutations checked: ``OriginSet.__contains__`` allowing ``null``;
    allowing an IP-address host.)"""
    app = CORSMiddleware(
        plain_app,
        allow_origins=[TRUSTED, "https://*.example.com"],
        allow_origin_regex=r"https?://[a-z0-9.-]+\.example\.org(?::[0-9]+)?",
        allow_credentials="*",
    )
    for origin in IP_AND_NULL:
        assert cors(call(app, headers={"Origin": origin})) == {}, origin
        response = call(app, "OPTIONS", headers={"Origin": origin, **PREFLIGHT})
        assert response.status == "403 Forbidden" and cors(response) == {}, origin


def test_ip_and_null_origins_are_allowed_exactly_when_listed() -> None:
    """The same origins, when the configuration lists some: exactly those are
    allowed, with credentials only where listed for them."""
    listed = ["null", "http://127.0.0.1:8080", "http://[::1]:3000", "http://localhost:3000"]
    app = CORSMiddleware(
        plain_app, allow_origins=listed, allow_credentials=["http://127.0.0.1:8080"]
    )
    for origin in IP_AND_NULL + ["http://127.0.0.1:8081", "http://[0:0:0:0:0:0:0:1]:3000"]:
        got = cors(call(app, headers={"Origin": origin}))
        if origin in listed:
            assert got["access-control-allow-origin"] == origin
            credentials = got.get("access-control-allow-credentials")
            assert credentials == ("true" if origin == "http://127.0.0.1:8080" else None)
        else:
            assert got == {}, origin


@pytest.mark.parametrize(
    "entry", ["https://*.0.0.1", "http://*.168.1.10", "https://*.[::1]", "https://*.localhost"]
)
def test_patterns_over_ip_addresses_are_refused(entry: str) -> None:
    """A subdomain pattern whose base is an IP address or a single label would match
    what no registrable domain covers: a configuration error."""
    with pytest.raises(CORSConfigurationError):
        CORSMiddleware(plain_app, allow_origins=[entry])
